package me.klepp.devstack;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

/** mock-oauth2-server as a stand-in for a Cognito user pool: real RS256 tokens, real discovery and JWKS. */
final class EmbeddedOidc implements AutoCloseable {

	private final MockOAuth2Server server;

	private final String clientId;

	EmbeddedOidc(int port, String clientId) throws Exception {
		this.clientId = clientId;
		var config = new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(),
				Set.of(CognitoAccessTokens.fromRequests(clientId)));
		this.server = new MockOAuth2Server(config);
		server.start(InetAddress.getByName("127.0.0.1"), port);
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
