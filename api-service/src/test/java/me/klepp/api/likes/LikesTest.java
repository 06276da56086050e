package me.klepp.api.likes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import me.klepp.api.support.ApiIntegrationTest;
import me.klepp.api.support.Catalog;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

class LikesTest extends ApiIntegrationTest {

	@Test
	void likingTwiceCountsOnceAndUnlikingIsIdempotent() {
		String alice = Catalog.uniqueUser("alice");
		String bob = Catalog.uniqueUser("bob");
		String key = catalog.file(alice, "clip").save();

		like(bob, key).expectStatus().isCreated().expectBody().jsonPath("$.like_count").isEqualTo(1)
			.jsonPath("$.likes[0].name").isEqualTo(bob);
		like(bob, key).expectStatus().isOk().expectBody().jsonPath("$.like_count").isEqualTo(1)
			.jsonPath("$.likes.length()").isEqualTo(1);
		unlike(bob, key).expectStatus().isOk().expectBody().jsonPath("$.like_count").isEqualTo(0)
			.jsonPath("$.likes").isEmpty();
		unlike(bob, key).expectStatus().isOk().expectBody().jsonPath("$.like_count").isEqualTo(0);
	}

	@Test
	void concurrentLikesOfOneUserCountOnce() throws Exception {
		String alice = Catalog.uniqueUser("alice");
		String bob = Catalog.uniqueUser("bob");
		String key = catalog.file(alice, "clip").save();
		catalog.user(bob);

		List<Callable<Integer>> likes = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			likes.add(() -> like(bob, key).returnResult(String.class).getStatus().value());
		}
		List<Integer> statuses = new ArrayList<>();
		var pool = Executors.newFixedThreadPool(12);
		try {
			for (var result : pool.invokeAll(likes)) {
				statuses.add(result.get());
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(statuses).containsOnly(200, 201).contains(201);
		api.anonymous().get().uri("/api/v2/files/" + key).exchange().expectBody().jsonPath("$.like_count").isEqualTo(1);
	}

	@Test
	void hiddenFilesOfOthersCannotBeLikedAndUnknownFilesAre404() {
		String alice = Catalog.uniqueUser("alice");
		String hidden = catalog.file(alice, "secret").hidden().save();

		like(Catalog.uniqueUser("bob"), hidden).expectStatus().isNotFound();
		like(Catalog.uniqueUser("bob"), alice + "/nothing.mp4").expectStatus().isNotFound()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
		api.as(alice).post().uri("/api/v2/like").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
			.expectStatus().isBadRequest();
	}

	private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec like(String user, String key) {
		return api.as(user).post().uri("/api/v2/like").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"path\":\"" + key + "\"}").exchange();
	}

	private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec unlike(String user, String key) {
		return api.as(user).method(HttpMethod.DELETE).uri("/api/v2/like").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"path\":\"" + key + "\"}").exchange();
	}

}
