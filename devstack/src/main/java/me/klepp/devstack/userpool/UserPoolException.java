package me.klepp.devstack.userpool;

/**
 * A refusal as Cognito words it: {@code type} is the error name clients act on (Amplify reads it from
 * {@code __type}), {@code message} is shown to the person as is. Always answered with HTTP 400: clients retry
 * 5xx and throttling answers.
 */
final class UserPoolException extends RuntimeException {

	private final String type;

	UserPoolException(String type, String message) {
		super(message, null, false, false);
		this.type = type;
	}

	String type() {
		return type;
	}

	static UserPoolException notAuthorized(String message) {
		return new UserPoolException("NotAuthorizedException", message);
	}

	static UserPoolException incorrectPassword() {
		return notAuthorized("Incorrect username or password.");
	}

	static UserPoolException userNotFound() {
		return new UserPoolException("UserNotFoundException", "User does not exist.");
	}

	static UserPoolException invalidParameter(String message) {
		return new UserPoolException("InvalidParameterException", message);
	}

}
