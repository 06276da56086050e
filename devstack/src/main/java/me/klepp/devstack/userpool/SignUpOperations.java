package me.klepp.devstack.userpool;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SignUp, ConfirmSignUp, ResendConfirmationCode, ForgotPassword and ConfirmForgotPassword. Nothing is mailed:
 * the codes are written to the log (and can be read with {@link LocalUserPool#pendingCode}).
 */
final class SignUpOperations {

	private static final Logger log = LoggerFactory.getLogger(LocalUserPool.class);

	/** Names that are safe as the first segment of klepp's object keys. */
	private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	static final int MIN_PASSWORD_LENGTH = 8;

	private final SecureRandom random = new SecureRandom();

	private final String poolName;

	private final UserStore store;

	SignUpOperations(String poolName, UserStore store) {
		this.poolName = poolName;
		this.store = store;
	}

	/** The user id a name gets, here and from the devstack's token command alike. */
	static String subOf(String username) {
		return UUID.nameUUIDFromBytes(username.getBytes(StandardCharsets.UTF_8)).toString();
	}

	/** A confirmed user with a password, as seeded at start. */
	void seed(String username, String password, String email, List<String> groups) {
		if (store.find(username).isEmpty()) {
			store.add(new PoolUser(username, subOf(username), email, true, groups, "0", "0", null, null)
				.withPassword(Srp.verifier(poolName, username, password)));
		}
	}

	Map<String, Object> signUp(UserPoolRequest request) {
		String username = request.required("Username");
		String password = request.required("Password");
		if (!USERNAME.matcher(username).matches()) {
			throw UserPoolException.invalidParameter(
					"Username may use letters, digits, '.', '_' and '-', start with a letter or digit, and be at most 64 long.");
		}
		checkPolicy(password);
		String email = attribute(request, "email");
		if (email != null && !email.matches("[^@\\s]+@[^@\\s]+")) {
			throw UserPoolException.invalidParameter("Invalid email address format.");
		}
		String code = newCode();
		PoolUser user = new PoolUser(username, subOf(username), email, false, List.of(), "0", "0", code, null)
			.withPassword(Srp.verifier(poolName, username, password));
		if (!store.add(user)) {
			throw new UserPoolException("UsernameExistsException", "User already exists");
		}
		log.info("Local user pool: {} signed up; confirmation code {}", username, code);
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("UserConfirmed", false);
		result.put("UserSub", user.sub());
		result.put("CodeDeliveryDetails", delivery(user));
		return result;
	}

	Map<String, Object> confirmSignUp(UserPoolRequest request) {
		PoolUser user = existing(request.required("Username"));
		String code = request.required("ConfirmationCode");
		if (user.confirmed()) {
			throw UserPoolException.notAuthorized("User cannot be confirmed. Current status is CONFIRMED");
		}
		if (!code.equals(user.confirmationCode())) {
			throw codeMismatch();
		}
		store.update(user.confirmedNow());
		log.info("Local user pool: {} confirmed", user.username());
		return Map.of();
	}

	Map<String, Object> resendConfirmationCode(UserPoolRequest request) {
		PoolUser user = existing(request.required("Username"));
		if (user.confirmed()) {
			throw UserPoolException.invalidParameter("User is already confirmed.");
		}
		String code = newCode();
		store.update(user.withConfirmationCode(code));
		log.info("Local user pool: new confirmation code for {}: {}", user.username(), code);
		return Map.of("CodeDeliveryDetails", delivery(user));
	}

	Map<String, Object> forgotPassword(UserPoolRequest request) {
		PoolUser user = existing(request.required("Username"));
		String code = newCode();
		store.update(user.withResetCode(code));
		log.info("Local user pool: password reset code for {}: {}", user.username(), code);
		return Map.of("CodeDeliveryDetails", delivery(user));
	}

	Map<String, Object> confirmForgotPassword(UserPoolRequest request) {
		PoolUser user = existing(request.required("Username"));
		String code = request.required("ConfirmationCode");
		String password = request.required("Password");
		if (user.resetCode() == null || !code.equals(user.resetCode())) {
			throw codeMismatch();
		}
		checkPolicy(password);
		store.update(user.withResetCode(null).withPassword(Srp.verifier(poolName, user.username(), password)));
		log.info("Local user pool: {} set a new password", user.username());
		return Map.of();
	}

	private PoolUser existing(String username) {
		return store.find(username).orElseThrow(UserPoolException::userNotFound);
	}

	private static void checkPolicy(String password) {
		if (password.length() < MIN_PASSWORD_LENGTH) {
			throw new UserPoolException("InvalidPasswordException",
					"Password did not conform with policy: Password not long enough");
		}
	}

	private static UserPoolException codeMismatch() {
		return new UserPoolException("CodeMismatchException", "Invalid verification code provided, please try again.");
	}

	private static String attribute(UserPoolRequest request, String name) {
		if (request.body().get("UserAttributes") instanceof List<?> attributes) {
			for (Object attribute : attributes) {
				if (attribute instanceof Map<?, ?> pair && name.equals(pair.get("Name"))
						&& pair.get("Value") instanceof String value && !value.isBlank()) {
					return value.strip();
				}
			}
		}
		return null;
	}

	private String newCode() {
		return "%06d".formatted(random.nextInt(1_000_000));
	}

	/** Where the code "went": the masked address, as Cognito shows it; the local pool writes it to its log. */
	private static Map<String, Object> delivery(PoolUser user) {
		Map<String, Object> delivery = new LinkedHashMap<>();
		delivery.put("AttributeName", "email");
		delivery.put("DeliveryMedium", "EMAIL");
		delivery.put("Destination", user.email() == null ? "the klepp-local log" : mask(user.email()));
		return delivery;
	}

	private static String mask(String email) {
		int at = email.indexOf('@');
		return email.charAt(0) + "***@" + email.charAt(at + 1) + "***";
	}

}
