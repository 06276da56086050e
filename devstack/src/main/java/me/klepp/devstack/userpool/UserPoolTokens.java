package me.klepp.devstack.userpool;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Mints the tokens of a sign-in as a Cognito user pool shapes them: an ID token ({@code cognito:username},
 * {@code aud} = the app client), an access token ({@code username}, {@code client_id}, {@code cognito:groups})
 * sharing one {@code origin_jti}, and an opaque refresh token kept by hash.
 */
final class UserPoolTokens {

	static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

	static final Duration REFRESH_LIFETIME = Duration.ofDays(30);

	private final TokenKeys keys;

	private final UserStore store;

	private final Clock clock;

	UserPoolTokens(TokenKeys keys, UserStore store, Clock clock) {
		this.keys = keys;
		this.store = store;
		this.clock = clock;
	}

	/** The tokens of a new sign-in, with a refresh token. */
	Map<String, Object> signIn(PoolUser user, String clientId) {
		String originJti = UUID.randomUUID().toString();
		long authTime = clock.instant().getEpochSecond();
		String refreshToken = Base64.getUrlEncoder().withoutPadding().encodeToString(Srp.randomBytes(64));
		store.addRefreshToken(hash(refreshToken), new RefreshGrant(user.username(), clientId, originJti, authTime,
				authTime + REFRESH_LIFETIME.toSeconds()));
		Map<String, Object> result = tokens(user, clientId, originJti, authTime);
		result.put("RefreshToken", refreshToken);
		return result;
	}

	/** Fresh ID and access tokens of the sign-in a refresh token continues; the refresh token stays as it is. */
	Map<String, Object> refresh(PoolUser user, RefreshGrant grant) {
		return tokens(user, grant.clientId(), grant.originJti(), grant.authTime());
	}

	static String hash(String refreshToken) {
		return HexFormat.of().formatHex(Srp.sha256(refreshToken.getBytes(StandardCharsets.UTF_8)));
	}

	private Map<String, Object> tokens(PoolUser user, String clientId, String originJti, long authTime) {
		String eventId = UUID.randomUUID().toString();
		Map<String, Object> access = new LinkedHashMap<>();
		access.put("sub", user.sub());
		if (!user.groups().isEmpty()) {
			access.put("cognito:groups", user.groups());
		}
		access.put("client_id", clientId);
		access.put("origin_jti", originJti);
		access.put("event_id", eventId);
		access.put("token_use", "access");
		access.put("scope", "aws.cognito.signin.user.admin");
		access.put("auth_time", authTime);
		access.put("jti", UUID.randomUUID().toString());
		access.put("username", user.username());

		Map<String, Object> id = new LinkedHashMap<>();
		id.put("sub", user.sub());
		if (!user.groups().isEmpty()) {
			id.put("cognito:groups", user.groups());
		}
		if (user.email() != null) {
			id.put("email", user.email());
			id.put("email_verified", user.confirmed());
		}
		id.put("cognito:username", user.username());
		id.put("origin_jti", originJti);
		id.put("aud", clientId);
		id.put("event_id", eventId);
		id.put("token_use", "id");
		id.put("auth_time", authTime);
		id.put("jti", UUID.randomUUID().toString());

		Map<String, Object> result = new LinkedHashMap<>();
		result.put("AccessToken", keys.sign(access, TOKEN_LIFETIME));
		result.put("ExpiresIn", TOKEN_LIFETIME.toSeconds());
		result.put("IdToken", keys.sign(id, TOKEN_LIFETIME));
		result.put("TokenType", "Bearer");
		return result;
	}

}
