package me.klepp.api.web;

import me.klepp.api.support.ApiIntegrationTest;
import me.klepp.api.support.Catalog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** By default no one is a trusted proxy: a client's forwarded headers cannot point the API's links elsewhere. */
class ForwardedHeadersTest extends ApiIntegrationTest {

	@Test
	void forwardedHeadersFromAnUntrustedClientDoNotMoveLinksToAnotherHost() {
		String key = catalog.file(Catalog.uniqueUser("alice"), "clip").save();
		String self = "http://127.0.0.1:" + port;

		String uri = json(api.anonymous().get().uri("/api/v2/files/" + key)
			.header("X-Forwarded-Host", "evil.example").header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-Port", "443")
			.exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody()).get("uri").asString();
		assertThat(uri).startsWith(self + "/media/");

		String page = api.anonymous().get().uri(b -> b.path("/").queryParam("path", key).build())
			.header("Forwarded", "host=evil.example;proto=https")
			.exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
		assertThat(page).doesNotContain("evil.example")
			.contains("og:url\" content=\"" + self + "/")
			.contains("og:video\" content=\"" + self + "/media/");
	}

}
