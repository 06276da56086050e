package me.klepp.devstack.userpool;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sign-in with USER_SRP_AUTH: InitiateAuth hands out the PASSWORD_VERIFIER challenge (salt, B, a secret block
 * that names the pending sign-in), RespondToAuthChallenge checks the client's proof and issues the tokens.
 */
final class SrpSignIn {

	/** How long a challenge may be answered, as Cognito's sign-in session. */
	static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(3);

	/** How far the client's TIMESTAMP may be from the server's clock. */
	static final Duration TIMESTAMP_TOLERANCE = Duration.ofMinutes(15);

	static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss 'UTC' yyyy",
			Locale.US);

	private final String poolName;

	private final UserStore store;

	private final UserPoolTokens tokens;

	private final Clock clock;

	private final Map<String, Pending> pending = new ConcurrentHashMap<>();

	SrpSignIn(String poolName, UserStore store, UserPoolTokens tokens, Clock clock) {
		this.poolName = poolName;
		this.store = store;
		this.tokens = tokens;
		this.clock = clock;
	}

	private record Pending(String username, BigInteger publicA, Srp.ServerValues server, Instant expiresAt) {
	}

	Map<String, Object> initiate(UserPoolRequest request) {
		String username = request.required("AuthParameters", "USERNAME");
		BigInteger publicA = hex(request.required("AuthParameters", "SRP_A"), "SRP_A");
		if (!Srp.acceptable(publicA)) {
			throw UserPoolException.invalidParameter("SRP_A is not a valid SRP value.");
		}
		PoolUser user = store.find(username).orElseThrow(UserPoolException::userNotFound);
		Srp.ServerValues server = Srp.serverValues(user.verifierValue());
		String secretBlock = Base64.getEncoder().encodeToString(Srp.randomBytes(64));
		Instant now = clock.instant();
		pending.values().removeIf(p -> p.expiresAt().isBefore(now));
		pending.put(secretBlock, new Pending(user.username(), publicA, server, now.plus(CHALLENGE_LIFETIME)));

		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("SALT", user.saltValue().toString(16));
		parameters.put("SECRET_BLOCK", secretBlock);
		parameters.put("SRP_B", server.publicB().toString(16));
		parameters.put("USERNAME", user.username());
		parameters.put("USER_ID_FOR_SRP", user.username());
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("ChallengeName", "PASSWORD_VERIFIER");
		result.put("ChallengeParameters", parameters);
		return result;
	}

	Map<String, Object> respond(UserPoolRequest request, String clientId) {
		String challenge = request.required("ChallengeName");
		if (!"PASSWORD_VERIFIER".equals(challenge)) {
			throw UserPoolException.invalidParameter("Unsupported challenge " + challenge
					+ "; this pool answers PASSWORD_VERIFIER only.");
		}
		String username = request.required("ChallengeResponses", "USERNAME");
		String secretBlock = request.required("ChallengeResponses", "PASSWORD_CLAIM_SECRET_BLOCK");
		String timestamp = request.required("ChallengeResponses", "TIMESTAMP");
		String signature = request.required("ChallengeResponses", "PASSWORD_CLAIM_SIGNATURE");

		Pending sent = pending.remove(secretBlock);
		if (sent == null || sent.expiresAt().isBefore(clock.instant())) {
			throw UserPoolException.notAuthorized("Invalid session for the user, session is expired.");
		}
		if (!sent.username().equalsIgnoreCase(username)) {
			throw UserPoolException.incorrectPassword();
		}
		checkTimestamp(timestamp);
		PoolUser user = store.find(sent.username()).orElseThrow(UserPoolException::userNotFound);
		byte[] key = Srp.serverKey(sent.publicA(), sent.server(), user.verifierValue());
		byte[] expected = Srp.passwordClaimSignature(key, poolName, user.username(), base64(secretBlock), timestamp);
		if (!MessageDigest.isEqual(expected, base64(signature))) {
			throw UserPoolException.incorrectPassword();
		}
		if (!user.confirmed()) {
			throw new UserPoolException("UserNotConfirmedException", "User is not confirmed.");
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("AuthenticationResult", tokens.signIn(user, clientId));
		result.put("ChallengeParameters", Map.of());
		return result;
	}

	private void checkTimestamp(String timestamp) {
		Instant sent;
		try {
			sent = LocalDateTime.parse(timestamp, TIMESTAMP).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException e) {
			throw UserPoolException.invalidParameter("TIMESTAMP is not in the form 'Wed Mar 5 09:04:03 UTC 2025'.");
		}
		if (Duration.between(sent, clock.instant()).abs().compareTo(TIMESTAMP_TOLERANCE) > 0) {
			throw UserPoolException.notAuthorized("TIMESTAMP is too far from the server's clock.");
		}
	}

	private static BigInteger hex(String value, String name) {
		try {
			return new BigInteger(value, 16);
		}
		catch (NumberFormatException e) {
			throw UserPoolException.invalidParameter(name + " must be hexadecimal.");
		}
	}

	/** Standard or URL-safe Base64, padded or not (clients differ). */
	private static byte[] base64(String value) {
		try {
			String standard = value.replace('-', '+').replace('_', '/');
			return Base64.getDecoder().decode(standard);
		}
		catch (IllegalArgumentException e) {
			throw UserPoolException.incorrectPassword();
		}
	}

}
