package me.klepp.api.web;

import me.klepp.api.support.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Problem details for everything that goes wrong, CORS for the configured frontend only, and the API docs. */
@TestPropertySource(properties = "klepp.cors.allowed-origins=https://klepp.example")
class ApiBasicsTest extends ApiIntegrationTest {

	@Test
	void unknownRoutesAndWrongMethodsAreProblems() {
		api.as("alice").get().uri("/api/v2/nothing-here").exchange().expectStatus().isNotFound()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
		api.as("alice").put().uri("/api/v2/files").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
			.expectStatus().isEqualTo(405).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
		api.as("alice").post().uri("/api/v2/uploads").contentType(MediaType.TEXT_PLAIN).bodyValue("x").exchange()
			.expectStatus().isEqualTo(415).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(String.class).value(body -> assertThat(body).doesNotContain("Exception").doesNotContain("at me."));
	}

	@Test
	void corsAnswersTheConfiguredFrontendOnly() {
		api.anonymous().options().uri("/api/v2/files")
			.header(HttpHeaders.ORIGIN, "https://klepp.example")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "PATCH")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type")
			.exchange()
			.expectStatus().isOk()
			.expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://klepp.example");
		api.anonymous().options().uri("/api/v2/files")
			.header(HttpHeaders.ORIGIN, "https://evil.example")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
			.exchange()
			.expectStatus().isForbidden()
			.expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
	}

	@Test
	void theOpenApiDocumentDescribesEveryRoute() {
		byte[] body = api.anonymous().get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody()
			.returnResult().getResponseBody();
		var paths = json(body).get("paths");
		for (String path : new String[] { "/api/v2/files", "/api/v2/files/{path}", "/api/v2/uploads", "/api/v2/like",
				"/api/v2/tags", "/api/v2/tags/{name}", "/api/v2/users", "/api/v2/users/{name}", "/api/v2/user", "/" }) {
			assertThat(paths.has(path)).as(path).isTrue();
		}
		api.anonymous().get().uri("/docs").exchange().expectStatus().is3xxRedirection();
	}

}
