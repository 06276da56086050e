package me.klepp.api.tags;

import me.klepp.api.support.ApiIntegrationTest;
import me.klepp.api.support.Catalog;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

class TagsTest extends ApiIntegrationTest {

	@Test
	void tagsAreNormalisedUniqueCaseInsensitivelyAndCounted() {
		String name = "Speed Run " + System.nanoTime();
		String normalized = TagNames.normalize(name);
		String alice = Catalog.uniqueUser("alice");

		create(alice, "  " + name.replace(" ", "   ") + " ").expectStatus().isCreated()
			.expectBody().jsonPath("$.name").isEqualTo(normalized).jsonPath("$.count").isEqualTo(0);
		create(alice, name.toUpperCase()).expectStatus().isEqualTo(409)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
		create(alice, "").expectStatus().isBadRequest();
		create(alice, "x".repeat(33)).expectStatus().isBadRequest();

		String key = catalog.file(alice, "tagged").save();
		api.as(alice).patch().uri("/api/v2/files").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"path\":\"" + key + "\",\"tags\":[{\"name\":\"" + name + "\"}]}").exchange()
			.expectStatus().isOk();
		byte[] page = api.anonymous().get().uri("/api/v2/tags?limit=100").exchange().expectStatus().isOk()
			.expectBody().returnResult().getResponseBody();
		long total = json(page).get("total_count").asLong();
		assertThat(total).isPositive();
	}

	@Test
	void onlyModeratorsDeleteTagsAndTheFilesLoseThem() {
		String tag = "doomed" + System.nanoTime();
		String alice = Catalog.uniqueUser("alice");
		String key = catalog.file(alice, "tagged").save();
		api.as(alice).patch().uri("/api/v2/files").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"path\":\"" + key + "\",\"tags\":[{\"name\":\"" + tag + "\"}]}").exchange()
			.expectStatus().isOk();

		api.as(alice).delete().uri("/api/v2/tags/" + tag).exchange().expectStatus().isForbidden()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
		api.as("mod-" + alice, "admin").delete().uri("/api/v2/tags/" + tag.toUpperCase()).exchange()
			.expectStatus().isNoContent();
		api.as("mod-" + alice, "admin").delete().uri("/api/v2/tags/" + tag).exchange().expectStatus().isNotFound();

		api.anonymous().get().uri("/api/v2/files/" + key).exchange().expectBody().jsonPath("$.tags").isEmpty();
	}

	private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec create(String user, String name) {
		return api.as(user).post().uri("/api/v2/tags").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"" + name + "\"}").exchange();
	}

}
