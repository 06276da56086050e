package me.klepp.api.contract;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import me.klepp.api.support.ApiIntegrationTest;
import me.klepp.api.support.Catalog;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays the calls the published React frontend makes (klepp-v2-api.md), with its parameters and bodies, and
 * checks every field it reads.
 */
class FrontendContractTest extends ApiIntegrationTest {

	@Test
	void theFrontendsSessionWorksEndToEnd() {
		String me = Catalog.uniqueUser("frontend");
		String friend = Catalog.uniqueUser("friend");
		int files = 30;
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < files; i++) {
			keys.add(catalog.file(friend, "clip " + i).save());
		}
		WebTestClient signedIn = api.as(me);

		// the feed, 12 at a time by offset until total_count
		Set<String> seen = new HashSet<>();
		long total;
		do {
			JsonNode page = get(signedIn, "/api/v2/files?username=" + friend + "&offset=" + seen.size() + "&limit=12");
			total = page.get("total_count").asLong();
			for (JsonNode video : page.get("response")) {
				assertFrontendFields(video);
				assertThat(seen.add(video.get("path").asString())).isTrue();
			}
		}
		while (seen.size() < total);
		assertThat(total).isEqualTo(files);
		assertThat(seen).containsExactlyInAnyOrderElementsOf(keys);

		// repeated tag= filters
		String key = keys.get(0);
		json(signedIn.patch().uri("/api/v2/files").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"path\":\"" + key + "\",\"tags\":[{\"name\":\"funny\"}]}").exchange().expectStatus().isForbidden()
			.expectBody().returnResult().getResponseBody());
		String mine = catalog.file(me, "my clip").save();
		signedIn.patch().uri("/api/v2/files").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"path\":\"" + mine + "\",\"tags\":[{\"name\":\"funny\"},{\"name\":\"fail\"}]}").exchange()
			.expectStatus().isOk();
		JsonNode tagged = get(signedIn, "/api/v2/files?tag=funny&tag=nothing-" + me + "&username=" + me);
		assertThat(tagged.get("response").get(0).get("path").asString()).isEqualTo(mine);
		assertThat(tagged.get("response").get(0).get("tags").findValuesAsString("name")).contains("funny", "fail");

		// like and unlike
		JsonNode liked = json(signedIn.post().uri("/api/v2/like").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"path\":\"" + key + "\"}").exchange().expectStatus().isCreated()
			.expectBody().returnResult().getResponseBody());
		assertFrontendFields(liked);
		assertThat(liked.get("likes").findValuesAsString("name")).containsExactly(me);
		JsonNode unliked = json(signedIn.method(HttpMethod.DELETE).uri("/api/v2/like").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"path\":\"" + key + "\"}").exchange().expectStatus().isOk()
			.expectBody().returnResult().getResponseBody());
		assertThat(unliked.get("likes")).isEmpty();

		// patch hidden, then the hidden tri-state
		signedIn.patch().uri("/api/v2/files").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"path\":\"" + mine + "\",\"hidden\":true}").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.hidden").isEqualTo(true);
		assertThat(paths(get(signedIn, "/api/v2/files?username=" + me + "&hidden=true"))).containsExactly(mine);
		assertThat(paths(get(signedIn, "/api/v2/files?username=" + me))).containsExactly(mine);
		assertThat(paths(get(api.anonymous(), "/api/v2/files?username=" + me))).isEmpty();

		// delete with a JSON body
		signedIn.method(HttpMethod.DELETE).uri("/api/v2/files").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"path\":\"" + mine + "\"}").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.path").isEqualTo(mine);
		assertThat(paths(get(signedIn, "/api/v2/files?username=" + me))).isEmpty();

		// tags and users lists: a tag on a public file is listed to everyone
		String shown = catalog.file(me, "shown clip").save();
		String tag = "shown-" + me;
		signedIn.patch().uri("/api/v2/files").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"path\":\"" + shown + "\",\"tags\":[{\"name\":\"" + tag + "\"}]}").exchange()
			.expectStatus().isOk();
		List<String> listed = new ArrayList<>();
		long tagCount;
		do {
			JsonNode tags = get(api.anonymous(), "/api/v2/tags?offset=" + listed.size() + "&limit=100");
			tagCount = tags.get("total_count").asLong();
			listed.addAll(tags.get("response").findValuesAsString("name"));
		}
		while (listed.size() < tagCount);
		assertThat(listed).contains(tag).doesNotContain("fail");
		JsonNode users = get(api.anonymous(), "/api/v2/users?offset=0&limit=100");
		assertThat(users.get("response").get(0).has("name")).isTrue();
		assertThat(users.get("response").get(0).has("thumbnail_uri")).isTrue();
	}

	/** The fields the frontend reads from a Video, with their types. */
	private static void assertFrontendFields(JsonNode video) {
		assertThat(video.get("path").isString()).isTrue();
		assertThat(video.get("display_name").isString()).isTrue();
		assertThat(video.get("hidden").isBoolean()).isTrue();
		assertThat(video.get("uploaded_at").asString()).matches("\\d{4}-\\d{2}-\\d{2}T.*(Z|[+-]\\d{2}:\\d{2})");
		// the frontend keeps only videos whose uri ends in .mp4
		assertThat(video.get("uri").asString()).startsWith("http").endsWith(".mp4");
		assertThat(video.has("expire_at")).isTrue();
		assertThat(video.get("user").get("name").isString()).isTrue();
		assertThat(video.get("user").has("thumbnail_uri")).isTrue();
		assertThat(video.get("tags").isArray()).isTrue();
		assertThat(video.has("thumbnail_uri")).isTrue();
		assertThat(video.get("likes").isArray()).isTrue();
	}

	private JsonNode get(WebTestClient client, String uri) {
		return json(client.get().uri(uri).exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());
	}

	private static List<String> paths(JsonNode page) {
		return page.get("response").findValuesAsString("path");
	}

}
