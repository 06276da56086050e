package me.klepp.devstack;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.oauth2.sdk.TokenRequest;
import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;

/**
 * Shapes mock-oauth2-server tokens like AWS Cognito access tokens: {@code username}, {@code token_use=access},
 * {@code client_id} and {@code cognito:groups}. The username comes from the callback (programmatic tokens) or
 * from the token request's {@code username} parameter (the command the local run prints); groups likewise
 * from {@code groups} (comma-separated).
 */
final class CognitoAccessTokens implements OAuth2TokenCallback {

	static final String ISSUER_ID = "cognito";

	private final String username;

	private final List<String> groups;

	private final String clientId;

	private final String tokenUse;

	private final long expirySeconds;

	CognitoAccessTokens(String username, List<String> groups, String clientId, String tokenUse, long expirySeconds) {
		this.username = username;
		this.groups = groups;
		this.clientId = clientId;
		this.tokenUse = tokenUse;
		this.expirySeconds = expirySeconds;
	}

	/** The callback serving the token endpoint: everything is taken from the request. */
	static CognitoAccessTokens fromRequests(String defaultClientId) {
		return new CognitoAccessTokens(null, List.of(), defaultClientId, "access", 3600);
	}

	@Override
	public String issuerId() {
		return ISSUER_ID;
	}

	@Override
	public String subject(TokenRequest request) {
		return UUID.nameUUIDFromBytes(username(request).getBytes(StandardCharsets.UTF_8)).toString();
	}

	@Override
	public String typeHeader(TokenRequest request) {
		return "JWT";
	}

	@Override
	public List<String> audience(TokenRequest request) {
		// Cognito access tokens carry no audience; the client is in client_id.
		return List.of();
	}

	@Override
	public Map<String, Object> addClaims(TokenRequest request) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("username", username(request));
		claims.put("token_use", tokenUse);
		claims.put("client_id", clientId(request));
		claims.put("scope", "openid profile");
		claims.put("auth_time", System.currentTimeMillis() / 1000);
		List<String> requestedGroups = groups(request);
		if (!requestedGroups.isEmpty()) {
			claims.put("cognito:groups", requestedGroups);
		}
		return claims;
	}

	@Override
	public long tokenExpiry() {
		return expirySeconds;
	}

	private String username(TokenRequest request) {
		if (username != null) {
			return username;
		}
		String requested = parameter(request, "username");
		return requested == null || requested.isBlank() ? "klepp-user" : requested;
	}

	private String clientId(TokenRequest request) {
		if (username == null && request != null && request.getClientID() != null) {
			return request.getClientID().getValue();
		}
		return clientId;
	}

	private List<String> groups(TokenRequest request) {
		if (username != null) {
			return groups;
		}
		String requested = parameter(request, "groups");
		return requested == null || requested.isBlank() ? List.of()
				: Arrays.stream(requested.split(",")).map(String::trim).filter(g -> !g.isEmpty()).toList();
	}

	private static String parameter(TokenRequest request, String name) {
		if (request == null) {
			return null;
		}
		List<String> values = request.getCustomParameters().get(name);
		return values == null || values.isEmpty() ? null : values.get(0);
	}

}
