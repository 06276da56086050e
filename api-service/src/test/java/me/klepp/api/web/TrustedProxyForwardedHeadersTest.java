package me.klepp.api.web;

import me.klepp.api.support.ApiIntegrationTest;
import me.klepp.api.support.Catalog;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Behind a configured proxy (here: the test itself, on loopback) the links follow the proxy's headers. */
@TestPropertySource(properties = "klepp.forwarded.trusted-proxies=10.0.0.0/8, 127.0.0.0/8")
class TrustedProxyForwardedHeadersTest extends ApiIntegrationTest {

	@Test
	void forwardedHeadersFromATrustedProxySetTheLinksHost() {
		String key = catalog.file(Catalog.uniqueUser("alice"), "clip").save();

		String uri = json(api.anonymous().get().uri("/api/v2/files/" + key)
			.header("X-Forwarded-Host", "klepp.example").header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-Port", "443")
			.exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody()).get("uri").asString();
		assertThat(uri).startsWith("https://klepp.example/media/");

		String page = api.anonymous().get().uri(b -> b.path("/").queryParam("path", key).build())
			.header("Forwarded", "host=klepp.example;proto=https")
			.exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
		assertThat(page).contains("og:url\" content=\"https://klepp.example/")
			.contains("og:video\" content=\"https://klepp.example/media/");
	}

}
