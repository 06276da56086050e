package me.klepp.devstack.userpool;

import java.util.Map;

/**
 * The operations of the Cognito Identity Provider API that Amplify v6's {@code <Authenticator>} calls, by their
 * {@code X-Amz-Target} name, and the app client check they share.
 */
final class UserPoolApi {

	private final String clientId;

	private final SrpSignIn signIn;

	private final SignedInOperations signedIn;

	private final SignUpOperations signUp;

	UserPoolApi(String clientId, SrpSignIn signIn, SignedInOperations signedIn, SignUpOperations signUp) {
		this.clientId = clientId;
		this.signIn = signIn;
		this.signedIn = signedIn;
		this.signUp = signUp;
	}

	/** The result of one operation; a {@link UserPoolException} for every refusal. */
	Map<String, Object> call(String operation, UserPoolRequest request) {
		if (operation.equals("GetUser")) {
			return signedIn.getUser(request.required("AccessToken"));
		}
		String client = request.required("ClientId");
		if (!client.equals(clientId)) {
			throw new UserPoolException("ResourceNotFoundException", "User pool client " + client + " does not exist.");
		}
		return switch (operation) {
			case "InitiateAuth" -> initiateAuth(request, client);
			case "RespondToAuthChallenge" -> signIn.respond(request, client);
			case "GetTokensFromRefreshToken" -> signedIn.refresh(request.required("RefreshToken"), client);
			case "RevokeToken" -> signedIn.revoke(request.required("Token"), client);
			case "SignUp" -> signUp.signUp(request);
			case "ConfirmSignUp" -> signUp.confirmSignUp(request);
			case "ResendConfirmationCode" -> signUp.resendConfirmationCode(request);
			case "ForgotPassword" -> signUp.forgotPassword(request);
			case "ConfirmForgotPassword" -> signUp.confirmForgotPassword(request);
			default -> throw new UserPoolException("InvalidParameterException",
					"The local user pool does not offer " + operation + ".");
		};
	}

	private Map<String, Object> initiateAuth(UserPoolRequest request, String client) {
		String flow = request.required("AuthFlow");
		return switch (flow) {
			case "USER_SRP_AUTH" -> signIn.initiate(request);
			case "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN" ->
				signedIn.refresh(request.required("AuthParameters", "REFRESH_TOKEN"), client);
			default -> throw UserPoolException.invalidParameter(
					flow + " flow not enabled for this client; the local user pool signs in with USER_SRP_AUTH.");
		};
	}

}
