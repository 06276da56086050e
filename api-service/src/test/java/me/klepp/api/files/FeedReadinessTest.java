package me.klepp.api.files;

import java.util.ArrayList;
import java.util.List;

import me.klepp.api.support.ApiIntegrationTest;
import me.klepp.api.support.Catalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the feed lists: to everyone, files ready to show, by default only those the published frontend plays;
 * unfinished files to their owner when asked; and exactly one file for {@code path=}.
 */
class FeedReadinessTest extends ApiIntegrationTest {

	String alice;

	String bob;

	@BeforeEach
	void setUp() {
		alice = Catalog.uniqueUser("alice");
		bob = Catalog.uniqueUser("bob");
	}

	@Test
	void pathListsExactlyThatFileOrNothing() {
		String wanted = catalog.file(alice, "the one").save();
		catalog.file(alice, "newer").save();
		String secret = catalog.file(alice, "secret").hidden().save();

		JsonNode one = get(api.anonymous(), "/api/v2/files?path=" + wanted);
		assertThat(one.get("total_count").asLong()).isEqualTo(1);
		assertThat(paths(one)).containsExactly(wanted);
		assertThat(get(api.anonymous(), "/api/v2/files?path=" + alice + "/nothing.mp4").get("total_count").asLong())
			.isZero();
		assertThat(paths(get(api.as(bob), "/api/v2/files?path=" + secret))).isEmpty();
		assertThat(paths(get(api.as(alice), "/api/v2/files?path=" + secret))).containsExactly(secret);
	}

	@Test
	void unfinishedFilesAreListedOnlyToTheirOwnerAndModeratorsWhenAskedFor() {
		String ready = catalog.file(alice, "ready").save();
		String processing = catalog.file(alice, "processing").processing().save();
		String failed = catalog.file(alice, "failed").failed().save();

		assertThat(paths(get(api.anonymous(), feed("")))).containsExactly(ready);
		assertThat(paths(get(api.as(alice), feed("")))).as("not by default, even to the owner").containsExactly(ready);
		assertThat(get(api.anonymous(), feed("")).get("total_count").asLong()).isEqualTo(1);
		assertThat(paths(get(api.as(alice), feed("state=failed")))).containsExactly(failed);
		assertThat(paths(get(api.as(alice), feed("state=processing")))).containsExactly(processing);
		assertThat(paths(get(api.as(alice), feed("state=all")))).containsExactlyInAnyOrder(ready, processing, failed);
		assertThat(paths(get(api.as(bob), feed("state=all")))).containsExactly(ready);
		assertThat(paths(get(api.as("mod-" + bob, "admin"), feed("state=failed")))).containsExactly(failed);
		api.anonymous().get().uri(feed("state=failed")).exchange().expectStatus().isUnauthorized();
		api.anonymous().get().uri(feed("state=done")).exchange().expectStatus().isBadRequest();

		JsonNode single = get(api.anonymous(), "/api/v2/files/" + failed);
		assertThat(single.get("processing_state").asString()).isEqualTo("failed");
	}

	@Test
	void theDefaultFeedListsWhatTheFrontendPlaysAndMediaListsTheRest() {
		String mp4 = catalog.file(alice, "h264 mp4").save();
		String hevc = catalog.file(alice, "hevc mp4").videoCodec("hevc").save();
		String webm = catalog.file(alice, "vp9 webm").key(alice + "/clip.webm").contentType("video/webm")
			.videoCodec("vp9").save();
		String mkv = catalog.file(alice, "h264 mkv").key(alice + "/clip.mkv").contentType("video/x-matroska").save();
		String png = catalog.file(alice, "screenshot").image().save();

		JsonNode byDefault = get(api.anonymous(), feed(""));
		assertThat(paths(byDefault)).containsExactly(mp4);
		byDefault.get("response").forEach(file -> assertThat(file.get("uri").asString()).endsWith(".mp4"));
		assertThat(paths(get(api.anonymous(), feed("media=playable")))).containsExactly(mp4);
		assertThat(paths(get(api.anonymous(), feed("media=video")))).containsExactlyInAnyOrder(mp4, hevc, webm, mkv);
		assertThat(paths(get(api.anonymous(), feed("media=image")))).containsExactly(png);
		assertThat(paths(get(api.anonymous(), feed("media=all")))).containsExactlyInAnyOrder(mp4, hevc, webm, mkv, png);
		assertThat(get(api.anonymous(), feed("media=all")).get("total_count").asLong()).isEqualTo(5);
	}

	@Test
	void pagesOfTwelveAreFullWhileThereAreClipsToShow() {
		for (int i = 0; i < 14; i++) {
			catalog.file(alice, "clip " + i).save();
			catalog.file(alice, "screenshot " + i).image().save();
		}
		JsonNode first = get(api.anonymous(), feed("offset=0&limit=12"));
		JsonNode second = get(api.anonymous(), feed("offset=12&limit=12"));

		assertThat(first.get("total_count").asLong()).isEqualTo(14);
		assertThat(first.get("response")).hasSize(12);
		assertThat(second.get("response")).hasSize(2);
	}

	@Test
	void anUploadOnlyTokenSeesWhatASignedOutVisitorSees() {
		String secret = catalog.file(alice, "secret").hidden().save();
		String token = json(api.as(alice).post().uri("/api/v2/me/tokens").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"ShareX\"}").exchange().expectStatus().isCreated().expectBody().returnResult()
			.getResponseBody()).get("token").asString();

		assertThat(paths(get(api.withToken(token), feed("hidden=true")))).isEmpty();
		assertThat(paths(get(api.withToken(token), feed("")))).isEmpty();
		assertThat(paths(get(api.withToken(token), "/api/v2/files?path=" + secret))).isEmpty();
		api.withToken(token).get().uri("/api/v2/files/" + secret).exchange().expectStatus().isNotFound();
		assertThat(paths(get(api.as(alice), feed("hidden=true")))).containsExactly(secret);

		// nor the tags only that hidden file carries
		String tag = "secret-" + alice.toLowerCase();
		api.as(alice).patch().uri("/api/v2/files").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"path\":\"" + secret + "\",\"tags\":[{\"name\":\"" + tag + "\"}]}").exchange()
			.expectStatus().isOk();
		assertThat(allTags(api.as(alice))).contains(tag);
		assertThat(allTags(api.withToken(token))).doesNotContain(tag);
	}

	private List<String> allTags(WebTestClient client) {
		List<String> names = new ArrayList<>();
		long total;
		do {
			JsonNode page = get(client, "/api/v2/tags?limit=100&offset=" + names.size());
			total = page.get("total_count").asLong();
			names.addAll(page.get("response").findValuesAsString("name"));
		}
		while (names.size() < total);
		return names;
	}

	private String feed(String query) {
		return "/api/v2/files?username=" + alice + (query.isEmpty() ? "" : "&" + query);
	}

	private JsonNode get(WebTestClient client, String uri) {
		return json.readTree(client.get().uri(uri).exchange().expectStatus().isOk().expectBody().returnResult()
			.getResponseBody());
	}

	private static List<String> paths(JsonNode page) {
		List<String> paths = new ArrayList<>();
		page.get("response").forEach(item -> paths.add(item.get("path").asString()));
		return paths;
	}

}
