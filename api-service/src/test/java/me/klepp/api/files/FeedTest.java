package me.klepp.api.files;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import me.klepp.api.support.ApiIntegrationTest;
import me.klepp.api.support.Catalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class FeedTest extends ApiIntegrationTest {

	String alice;

	String bob;

	@BeforeEach
	void setUp() {
		alice = Catalog.uniqueUser("alice");
		bob = Catalog.uniqueUser("bob");
	}

	@Test
	void newestFirstWithOffsetPagingAndTotalCount() {
		OffsetDateTime t = OffsetDateTime.parse("2026-01-01T12:00:00Z");
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			keys.add(0, catalog.file(alice, "clip " + i).uploadedAt(t.plusMinutes(i)).save());
		}
		catalog.file(alice, "still uploading").pending().save();

		JsonNode first = get("/api/v2/files?username=" + alice + "&limit=2");
		JsonNode last = get("/api/v2/files?username=" + alice + "&limit=2&offset=4");

		assertThat(first.get("total_count").asLong()).isEqualTo(5);
		assertThat(paths(first)).containsExactly(keys.get(0), keys.get(1));
		assertThat(paths(last)).containsExactly(keys.get(4));
	}

	@Test
	void everySortKeyInBothDirectionsWithAStableTieBreak() {
		String small = catalog.file(alice, "b middle").size(100).duration(5_000).likeCount(3).save();
		String large = catalog.file(alice, "A first").size(300).duration(1_000).likeCount(1).save();
		String medium = catalog.file(alice, "c last").size(200).duration(9_000).likeCount(3).save();

		assertThat(paths(get(feed("sort=size")))).containsExactly(small, medium, large);
		assertThat(paths(get(feed("sort=-size")))).containsExactly(large, medium, small);
		assertThat(paths(get(feed("sort=display_name")))).containsExactly(large, small, medium);
		assertThat(paths(get(feed("sort=-duration")))).containsExactly(medium, small, large);
		List<String> byLikes = paths(get(feed("sort=-likes")));
		assertThat(byLikes.get(2)).isEqualTo(large);
		assertThat(byLikes.subList(0, 2)).containsExactlyInAnyOrder(small, medium);
		assertThat(paths(get(feed("sort=-likes")))).as("ties keep one order").isEqualTo(byLikes);
	}

	@Test
	void cursorPagingVisitsEveryFileOnceInTheSameOrderAsOffsetPaging() {
		for (int i = 0; i < 7; i++) {
			catalog.file(alice, "clip " + i).likeCount(i % 3).save();
		}
		List<String> byOffset = paths(get(feed("sort=-likes&limit=100")));

		List<String> byCursor = new ArrayList<>();
		String cursor = null;
		do {
			JsonNode page = get(feed("sort=-likes&limit=3" + (cursor == null ? "" : "&cursor=" + cursor)));
			byCursor.addAll(paths(page));
			cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asString();
		}
		while (cursor != null);

		assertThat(byCursor).hasSize(7).doesNotHaveDuplicates().isEqualTo(byOffset);
	}

	@Test
	void offsetPagesOfEverySortKeyAddUpToTheWholeListWithTheirTags() {
		String marker = "paged " + UUID.randomUUID().toString().substring(0, 8);
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			keys.add(catalog.file(i % 2 == 0 ? alice : bob, marker + " " + i).size(100 * (i % 3))
				.duration(1_000 * (i % 4)).likeCount(i % 3).save());
		}
		String tagged = keys.get(2);
		tag(tagged, "speedrun");

		for (String sort : new String[] { "uploaded_at", "likes", "display_name", "username", "size", "duration" }) {
			for (String order : new String[] { sort, "-" + sort }) {
				String query = "/api/v2/files?name=" + marker.replace(' ', '+') + "&sort=" + order;
				List<String> whole = paths(get(query + "&limit=100"));
				List<String> paged = new ArrayList<>();
				for (int offset = 0; offset < 9; offset += 3) {
					JsonNode page = get(query + "&limit=3&offset=" + offset);
					paged.addAll(paths(page));
					page.get("response").forEach(item -> {
						if (item.get("path").asString().equals(tagged)) {
							assertThat(item.get("tags").findValuesAsString("name")).as(order).containsExactly("speedrun");
						}
					});
				}
				assertThat(whole).as(order).hasSize(7);
				assertThat(paged).as(order).isEqualTo(whole);
			}
		}
	}

	@Test
	void filtersByNameSubstringTagsMediaAndUser() {
		String ace = catalog.file(alice, "Ace on Inferno").save();
		String clutch = catalog.file(alice, "1v3 clutch").save();
		String shot = catalog.file(alice, "Scoreboard 100%").image().save();
		catalog.file(bob, "Ace by bob").save();
		tag(ace, "cs2", "ace");
		tag(clutch, "cs2");

		assertThat(paths(get(feed("name=ACE")))).containsExactly(ace);
		assertThat(paths(get(feed("name=100%&media=all")))).containsExactly(shot);
		assertThat(paths(get(feed("name=%&media=all")))).containsExactly(shot);
		assertThat(paths(get(feed("tag=ace&tag=cs2")))).containsExactlyInAnyOrder(ace, clutch);
		assertThat(paths(get(feed("tag=ace&tag=cs2&tag_mode=all")))).containsExactly(ace);
		assertThat(paths(get(feed("tag=CS2")))).containsExactlyInAnyOrder(ace, clutch);
		assertThat(paths(get(feed("media=image")))).containsExactly(shot);
	}

	@Test
	void hiddenFilesReachOnlyTheirOwnerAndModerators() {
		String visible = catalog.file(alice, "public").save();
		String secret = catalog.file(alice, "secret").hidden().save();

		assertThat(paths(get(api.anonymous(), feed("")))).containsExactly(visible);
		assertThat(paths(get(api.as(bob), feed("")))).containsExactly(visible);
		assertThat(paths(get(api.as(bob), feed("hidden=true")))).isEmpty();
		assertThat(paths(get(api.as(alice), feed("")))).containsExactlyInAnyOrder(visible, secret);
		assertThat(paths(get(api.as(alice), feed("hidden=true")))).containsExactly(secret);
		assertThat(paths(get(api.as(alice), feed("hidden=false")))).containsExactly(visible);
		assertThat(paths(get(api.as("mod-" + bob, "admin"), feed("hidden=true")))).containsExactly(secret);

		api.as(bob).get().uri("/api/v2/files/" + secret).exchange().expectStatus().isNotFound();
		api.anonymous().get().uri("/api/v2/files/" + secret).exchange().expectStatus().isNotFound();
		api.as(alice).get().uri("/api/v2/files/" + secret).exchange().expectStatus().isOk();
		api.as("mod-" + bob, "admin").get().uri("/api/v2/files/" + secret).exchange().expectStatus().isOk();
		api.anonymous().get().uri("/api/v2/files/" + visible).exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.path").isEqualTo(visible);
	}

	@Test
	void likedByMeListsWhatTheCallerLiked() {
		String liked = catalog.file(alice, "liked").save();
		catalog.file(alice, "not liked").save();
		api.as(bob).post().uri("/api/v2/like").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"path\":\"" + liked + "\"}").exchange().expectStatus().isCreated();

		assertThat(paths(get(api.as(bob), feed("liked_by=me")))).containsExactly(liked);
		api.anonymous().get().uri(feed("liked_by=me")).exchange().expectStatus().isUnauthorized();
	}

	@Test
	void posterAndHoverPreviewAreLinkedOnceTheWorkerMadeThem() {
		String key = catalog.file(alice, "with preview").save();
		db.sql("update media_file set poster_key = :p, preview_key = :v where object_key = :k")
			.bind("p", key + "/poster.jpg").bind("v", key + "/preview.mp4").bind("k", key).then().block();
		String plain = catalog.file(alice, "without").save();

		JsonNode page = get(feed(""));
		for (JsonNode item : page.get("response")) {
			if (item.get("path").asString().equals(key)) {
				assertThat(item.get("poster_uri").asString()).contains("/posters/" + key + "?v=");
				assertThat(item.get("preview_uri").asString()).contains("/previews/" + key + "?v=");
			}
			if (item.get("path").asString().equals(plain)) {
				assertThat(item.get("preview_uri").isNull()).isTrue();
			}
		}
	}

	@Test
	void badParametersAreRefusedWithProblemDetails() {
		for (String bad : new String[] { "limit=5000", "limit=0", "offset=-1", "sort=password", "sort=-likes;drop",
				"cursor=not-a-cursor", "media=audio", "tag_mode=some", "liked_by=bob" }) {
			api.anonymous().get().uri("/api/v2/files?" + bad).exchange()
				.expectStatus().isBadRequest()
				.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody().jsonPath("$.detail").isNotEmpty();
		}
	}

	@Test
	void aCursorOnlyContinuesTheSortItWasMadeFor() {
		for (int i = 0; i < 3; i++) {
			catalog.file(alice, "clip " + i).save();
		}
		String cursor = get(feed("limit=1")).get("next_cursor").asString();

		api.anonymous().get().uri(feed("limit=1&sort=size&cursor=" + cursor)).exchange()
			.expectStatus().isBadRequest();
		api.anonymous().get().uri(feed("limit=1&offset=1&cursor=" + cursor)).exchange()
			.expectStatus().isBadRequest();
	}

	private void tag(String key, String... tags) {
		StringBuilder body = new StringBuilder("{\"path\":\"" + key + "\",\"tags\":[");
		for (int i = 0; i < tags.length; i++) {
			body.append(i == 0 ? "" : ",").append("{\"name\":\"").append(tags[i]).append("\"}");
		}
		api.as(alice).patch().uri("/api/v2/files").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body.append("]}").toString()).exchange().expectStatus().isOk();
	}

	private String feed(String query) {
		return "/api/v2/files?username=" + alice + (query.isEmpty() ? "" : "&" + query);
	}

	private JsonNode get(String uri) {
		return get(api.anonymous(), uri);
	}

	private JsonNode get(org.springframework.test.web.reactive.server.WebTestClient client, String uri) {
		byte[] body = client.get().uri(uri).exchange().expectStatus().isOk().expectBody().returnResult()
			.getResponseBody();
		return json.readTree(body);
	}

	private static List<String> paths(JsonNode page) {
		List<String> paths = new ArrayList<>();
		page.get("response").forEach(item -> paths.add(item.get("path").asString()));
		return paths;
	}

}
