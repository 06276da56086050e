package me.klepp.api.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import me.klepp.api.support.ApiIntegrationTest;
import me.klepp.api.support.Catalog;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static me.klepp.api.support.ProblemAssertions.assertValidProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** A NUL character (which PostgreSQL cannot store) is a 400 problem wherever text comes in, never a 500. */
class NulCharacterTest extends ApiIntegrationTest {

	private static final String NUL_JSON = "a\\u0000b";

	@Test
	void aNulInAJsonPathOrNameIsA400() {
		String alice = Catalog.uniqueUser("alice");
		String key = catalog.file(alice, "clip").save();
		String path = "{\"path\":\"" + alice + "/" + NUL_JSON + ".mp4\"}";

		refused(api.as(alice).post().uri("/api/v2/like").contentType(MediaType.APPLICATION_JSON).bodyValue(path), "path");
		refused(api.as(alice).method(HttpMethod.DELETE).uri("/api/v2/like").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(path), "path");
		refused(api.as(alice).patch().uri("/api/v2/files").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"path\":\"" + alice + "/" + NUL_JSON + "\",\"hidden\":true}"), "path");
		refused(api.as(alice).method(HttpMethod.DELETE).uri("/api/v2/files").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(path), "path");
		refused(api.as(alice, "admin").post().uri("/api/v2/admin/regenerations").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(path), "path");
		refused(api.as(alice).patch().uri("/api/v2/files").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"path\":\"" + key + "\",\"tags\":[{\"name\":\"" + NUL_JSON + "\"}]}"), "name");
		refused(api.as(alice).post().uri("/api/v2/uploads").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"filename\":\"" + NUL_JSON + ".mp4\",\"content_type\":\"video/mp4\",\"size\":10}"), "filename");
		refused(api.as(alice).post().uri("/api/v2/me/tokens").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"" + NUL_JSON + "\"}"), "name");

		// Nothing was half done: the file is as it was, and still works.
		api.as(alice).post().uri("/api/v2/like").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"path\":\"" + key + "\"}").exchange().expectStatus().isCreated();
	}

	@Test
	void aNulInTheFeedFiltersOrTheSharePageIsA400() {
		for (String target : new String[] { "/api/v2/files?name=a%00b", "/api/v2/files?username=a%00b",
				"/?path=alice/a%00b.mp4" }) {
			byte[] body = api.anonymous().get().uri(URI.create("http://127.0.0.1:" + port + target)).exchange()
				.expectStatus().isBadRequest()
				.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody().returnResult().getResponseBody();
			assertValidProblem(json(body), 400);
			assertThat(json(body).get("detail").asString()).as(target).contains("NUL");
		}
	}

	@Test
	void aNulInAMultipartFileNameIsA400() {
		String alice = Catalog.uniqueUser("alice");
		for (String disposition : new String[] { "form-data; name=\"file\"; filename=\"a\0b.png\"",
				"form-data; name=\"file\"; filename*=UTF-8''a%00b.png" }) {
			String boundary = "nul-boundary";
			byte[] body = ("--" + boundary + "\r\nContent-Disposition: " + disposition
					+ "\r\nContent-Type: image/png\r\n\r\n\u0089PNG\r\n--" + boundary + "--\r\n")
				.getBytes(StandardCharsets.ISO_8859_1);
			refused(api.as(alice).post().uri("/api/v2/files")
				.contentType(MediaType.parseMediaType("multipart/form-data; boundary=" + boundary)).bodyValue(body),
					"multipart file name");
		}
		api.as(alice).get().uri("/api/v2/files?username=" + alice).exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.total_count").isEqualTo(0);
	}

	private void refused(WebTestClient.RequestHeadersSpec<?> request, String field) {
		byte[] body = request.exchange().expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().returnResult().getResponseBody();
		assertValidProblem(json(body), 400);
		assertThat(json(body).get("detail").asString()).contains(field).contains("NUL");
	}

}
