package me.klepp.devstack.userpool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a signed-in client does with its tokens: refresh them (GetTokensFromRefreshToken, or InitiateAuth with
 * REFRESH_TOKEN_AUTH), read the user's attributes (GetUser) and sign out (RevokeToken).
 */
final class SignedInOperations {

	private final UserStore store;

	private final UserPoolTokens tokens;

	private final TokenKeys keys;

	SignedInOperations(UserStore store, UserPoolTokens tokens, TokenKeys keys) {
		this.store = store;
		this.tokens = tokens;
		this.keys = keys;
	}

	/** GetTokensFromRefreshToken and REFRESH_TOKEN_AUTH: new ID and access tokens, no new refresh token. */
	Map<String, Object> refresh(String refreshToken, String clientId) {
		RefreshGrant grant = store.refreshToken(UserPoolTokens.hash(refreshToken))
			.filter(g -> g.clientId().equals(clientId))
			.orElseThrow(() -> UserPoolException.notAuthorized("Invalid Refresh Token"));
		PoolUser user = store.find(grant.username())
			.orElseThrow(() -> UserPoolException.notAuthorized("Invalid Refresh Token"));
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("AuthenticationResult", tokens.refresh(user, grant));
		result.put("ChallengeParameters", Map.of());
		return result;
	}

	/** RevokeToken: ends the sign-in of a refresh token. Unknown tokens are no error, as at Cognito. */
	Map<String, Object> revoke(String refreshToken, String clientId) {
		String hash = UserPoolTokens.hash(refreshToken);
		store.refreshToken(hash).filter(g -> g.clientId().equals(clientId)).ifPresent(g -> store.revokeRefreshToken(hash));
		return Map.of();
	}

	Map<String, Object> getUser(String accessToken) {
		Map<String, Object> claims = keys.verify(accessToken)
			.filter(c -> "access".equals(c.get("token_use")))
			.orElseThrow(() -> UserPoolException.notAuthorized("Invalid Access Token"));
		Object originJti = claims.get("origin_jti");
		if (!(originJti instanceof String origin) || !store.signInLive(origin)) {
			throw UserPoolException.notAuthorized("Access Token has been revoked");
		}
		PoolUser user = store.find(String.valueOf(claims.get("username")))
			.orElseThrow(UserPoolException::userNotFound);
		List<Map<String, String>> attributes = new ArrayList<>();
		attributes.add(attribute("sub", user.sub()));
		if (user.email() != null) {
			attributes.add(attribute("email", user.email()));
			attributes.add(attribute("email_verified", String.valueOf(user.confirmed())));
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("Username", user.username());
		result.put("UserAttributes", attributes);
		return result;
	}

	private static Map<String, String> attribute(String name, String value) {
		Map<String, String> attribute = new LinkedHashMap<>();
		attribute.put("Name", name);
		attribute.put("Value", value);
		return attribute;
	}

}
