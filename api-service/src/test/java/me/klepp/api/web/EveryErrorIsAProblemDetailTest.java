package me.klepp.api.web;

import me.klepp.api.support.ApiIntegrationTest;
import me.klepp.api.support.Catalog;
import me.klepp.api.support.RawHttp;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static me.klepp.api.support.ProblemAssertions.assertValidProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Errors raised before any controller (firewall, HTTP decoder, security, rate limit) are problem details too. */
class EveryErrorIsAProblemDetailTest extends ApiIntegrationTest {

	@Test
	void pathsTheFirewallRefusesGetAProblemDetail() throws Exception {
		for (String target : new String[] { "/api/v2/files/alice%2Fx.mp4", "/media/alice/../bob/x.mp4",
				"/thumbnails/alice/./x.mp4", "/api/v2/files/alice/%2e%2e/x.mp4", "/api/v2/users/a%00b" }) {
			var response = RawHttp.get(port, target);

			assertThat(response.status()).as(target).isEqualTo(400);
			assertThat(response.header("Content-Type")).as(target).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			var problem = json(response.body().getBytes());
			assertValidProblem(problem, 400);
			assertThat(problem.get("detail").asString()).as(target).isNotBlank();
		}
	}

	@Test
	void aRequestTargetThatIsNoUriGetsAProblemDetail() throws Exception {
		var response = RawHttp.get(port, "/media/alice/a|b<c>.mp4");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type")).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertValidProblem(json(response.body().getBytes()), 400);
	}

	@Test
	void anOverlongRequestLineAndOversizedHeadersGetAProblemDetail() throws Exception {
		var longLine = RawHttp.get(port, "/api/v2/files?name=" + "a".repeat(10_000));
		assertThat(longLine.status()).isEqualTo(414);
		assertThat(longLine.header("Content-Type")).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertValidProblem(json(longLine.body().getBytes()), 414);

		var bigHeaders = RawHttp.get(port, "/api/v2/files", "X-Padding: " + "a".repeat(20_000));
		assertThat(bigHeaders.status()).isEqualTo(431);
		assertThat(bigHeaders.header("Content-Type")).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertValidProblem(json(bigHeaders.body().getBytes()), 431);
	}

	@Test
	void securityRefusalsAreValidProblemDetailsWithoutNullMembers() {
		byte[] unauthorized = api.anonymous().get().uri("/api/v2/me/tokens").exchange().expectStatus().isUnauthorized()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON).expectBody().returnResult().getResponseBody();
		assertValidProblem(json(unauthorized), 401);

		String alice = Catalog.uniqueUser("alice");
		String token = json(api.as(alice).post().uri("/api/v2/me/tokens").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}").exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody())
			.get("token").asString();
		byte[] forbidden = api.withToken(token).get().uri("/api/v2/me/tokens").exchange().expectStatus().isForbidden()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON).expectBody().returnResult().getResponseBody();
		assertValidProblem(json(forbidden), 403);
	}

	@Test
	void theUploadRateLimitIsAValidProblemDetail() {
		var bob = api.as(Catalog.uniqueUser("bob"));
		byte[] tooMany = null;
		for (int i = 0; i < 40 && tooMany == null; i++) {
			var result = bob.post().uri("/api/v2/uploads").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
				.exchange().expectBody().returnResult();
			if (result.getStatus().value() == 429) {
				assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
				assertThat(result.getResponseHeaders().getFirst("Retry-After")).isNotBlank();
				tooMany = result.getResponseBody();
			}
		}
		assertThat(tooMany).as("the limit of 30 per minute was reached").isNotNull();
		assertValidProblem(json(tooMany), 429);
	}

}
