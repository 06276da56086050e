package me.klepp.api.support;

import java.time.Duration;

import me.klepp.devstack.Devstack;
import org.springframework.test.web.reactive.server.WebTestClient;

/** HTTP clients for the API under test: anonymous, or signed in as someone. */
public final class Api {

	private final int port;

	public Api(int port) {
		this.port = port;
	}

	public WebTestClient anonymous() {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	public WebTestClient as(String username, String... groups) {
		String token = Devstack.shared().accessToken(username, groups);
		return anonymous().mutate().defaultHeaders(h -> h.setBearerAuth(token)).build();
	}

	public WebTestClient withToken(String token) {
		return anonymous().mutate().defaultHeaders(h -> h.setBearerAuth(token)).build();
	}

}
