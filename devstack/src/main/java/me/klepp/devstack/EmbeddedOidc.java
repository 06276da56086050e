package me.klepp.devstack;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

/**
 * mock-oauth2-server as a stand-in for a Cognito user pool's issuer: real RS256 tokens, real discovery and JWKS,
 * and the token command for scripts. The user-pool API itself (sign-in for browsers) is a route it serves.
 */
final class EmbeddedOidc implements AutoCloseable {

	private final MockOAuth2Server server;

	private final String clientId;

	/**
	 * @param tokenProvider the keys it signs with, shared with whoever else mints tokens of this issuer
	 * @param routes more endpoints to serve on the same port, matched before the issuer's own
	 */
	EmbeddedOidc(int port, String clientId, OAuth2TokenProvider tokenProvider, Route... routes) throws Exception {
		this.clientId = clientId;
		var config = new OAuth2Config(false, null, null, false, tokenProvider,
				Set.of(CognitoAccessTokens.fromRequests(clientId)));
		this.server = new MockOAuth2Server(config, routes);
		server.start(InetAddress.getByName("127.0.0.1"), port);
	}

	/** The server's base URL, e.g. {@code http://localhost:9400/}. */
	String baseUrl() {
		return server.baseUrl().toString();
	}

	String issuerUri() {
		return stripTrailingSlash(server.issuerUrl(CognitoAccessTokens.ISSUER_ID).toString());
	}

	String tokenEndpoint() {
		return server.tokenEndpointUrl(CognitoAccessTokens.ISSUER_ID).toString();
	}

	String clientId() {
		return clientId;
	}

	String token(String username, List<String> groups, String tokenClientId, String tokenUse, long expirySeconds) {
		return server
			.issueToken(CognitoAccessTokens.ISSUER_ID, tokenClientId,
					new CognitoAccessTokens(username, groups, tokenClientId, tokenUse, expirySeconds))
			.serialize();
	}

	private static String stripTrailingSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	@Override
	public void close() {
		server.shutdown();
	}

}
