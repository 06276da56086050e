package me.klepp.api.files;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import me.klepp.api.support.ApiIntegrationTest;
import me.klepp.api.support.Catalog;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static me.klepp.api.support.ProblemAssertions.assertValidProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** A cursor the API did not make is a 400 problem, whatever its JSON holds; real cursors keep paging. */
class CraftedCursorTest extends ApiIntegrationTest {

	@Test
	void craftedCursorValuesAreA400() {
		String id = UUID.randomUUID().toString();
		String[][] cursors = { { "-uploaded_at", "{\"s\":\"-uploaded_at\",\"v\":5,\"id\":\"" + id + "\"}" },
				{ "-uploaded_at", "{\"s\":\"-uploaded_at\",\"v\":null,\"id\":\"" + id + "\"}" },
				{ "-uploaded_at", "{\"s\":\"-uploaded_at\",\"v\":1e999,\"id\":\"" + id + "\"}" },
				{ "-uploaded_at", "{\"s\":\"-uploaded_at\",\"v\":\"1e999\",\"id\":\"" + id + "\"}" },
				{ "-uploaded_at", "{\"s\":\"-uploaded_at\",\"v\":\"99999-01-01 00:00:00+00\",\"id\":\"" + id + "\"}" },
				{ "-likes", "{\"s\":\"-likes\",\"v\":1e999,\"id\":\"" + id + "\"}" },
				{ "-likes", "{\"s\":\"-likes\",\"v\":\"1e999\",\"id\":\"" + id + "\"}" },
				{ "-likes", "{\"s\":\"-likes\",\"v\":[],\"id\":\"" + id + "\"}" },
				{ "size", "{\"s\":\"size\",\"v\":\"99999999999999999999\",\"id\":\"" + id + "\"}" },
				{ "display_name", "{\"s\":\"display_name\",\"v\":\"a\\u0000\",\"id\":\"" + id + "\"}" },
				{ "display_name", "{\"s\":\"display_name\",\"v\":\"a\",\"id\":5}" },
				{ "display_name", "{\"s\":5,\"v\":\"a\",\"id\":\"" + id + "\"}" } };
		for (String[] cursor : cursors) {
			byte[] body = api.anonymous().get()
				.uri(b -> b.path("/api/v2/files").queryParam("sort", cursor[0]).queryParam("cursor", encode(cursor[1])).build())
				.exchange()
				.expectStatus().isBadRequest()
				.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody().returnResult().getResponseBody();
			assertValidProblem(json(body), 400);
			assertThat(json(body).get("detail").asString()).as(cursor[1]).contains("cursor");
		}
	}

	@Test
	void cursorsTheApiMadeStillPageForEverySort() {
		String alice = Catalog.uniqueUser("alice");
		catalog.file(alice, "one").likeCount(1).save();
		catalog.file(alice, "two").likeCount(2).save();
		for (String sort : new String[] { "-uploaded_at", "uploaded_at", "-likes", "display_name", "username", "size",
				"-duration" }) {
			var first = json(api.anonymous().get()
				.uri(b -> b.path("/api/v2/files").queryParam("username", alice).queryParam("sort", sort)
					.queryParam("limit", 1).build())
				.exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());
			String cursor = first.get("next_cursor").asString();
			var second = json(api.anonymous().get()
				.uri(b -> b.path("/api/v2/files").queryParam("username", alice).queryParam("sort", sort)
					.queryParam("limit", 1).queryParam("cursor", cursor).build())
				.exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());
			assertThat(second.get("response").get(0).get("path").asString()).as(sort)
				.isNotEqualTo(first.get("response").get(0).get("path").asString());
		}
	}

	private static String encode(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
