package me.klepp.devstack.userpool;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import me.klepp.devstack.Devstack;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The devstack's user pool over HTTP, as a user-pool client (Amplify, the AWS SDKs) speaks to it: sign-up with
 * the logged code, SRP sign-in with a client computing its proof from the password, Cognito-shaped tokens from
 * the devstack's issuer, refresh, sign-out, and Cognito's error names. Amplify itself drives it in klepp-local's
 * AmplifySignInTest.
 */
class LocalUserPoolTest {

	static final JsonMapper json = JsonMapper.builder().build();

	final Devstack stack = Devstack.shared();

	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aNewUserSignsUpConfirmsWithTheLoggedCodeAndSignsInWithSrp() throws Exception {
		String name = "carol-" + UUID.randomUUID().toString().substring(0, 8);
		Reply signUp = call("SignUp", Map.of("ClientId", "klepp-web", "Username", name, "Password", "carol-password",
				"UserAttributes", List.of(Map.of("Name", "email", "Value", name + "@example.com"))));
		assertThat(signUp.status()).as(signUp.body().toString()).isEqualTo(200);
		assertThat(signUp.body()).containsEntry("UserConfirmed", false);
		assertThat(signUp.body().get("CodeDeliveryDetails").toString()).contains("EMAIL");

		assertThat(signIn(name, "carol-password").error()).isEqualTo("UserNotConfirmedException");
		assertThat(call("ConfirmSignUp", Map.of("ClientId", "klepp-web", "Username", name, "ConfirmationCode",
				"not-it")).error()).isEqualTo("CodeMismatchException");
		String code = stack.userPool().pendingCode(name).orElseThrow();
		assertThat(call("ConfirmSignUp", Map.of("ClientId", "klepp-web", "Username", name, "ConfirmationCode", code))
			.status()).isEqualTo(200);

		Reply signedIn = signIn(name, "carol-password");
		assertThat(signedIn.status()).as(signedIn.body().toString()).isEqualTo(200);
		Map<String, Object> result = map(signedIn.body().get("AuthenticationResult"));
		Map<String, Object> id = claims(result.get("IdToken"));
		assertThat(id).containsEntry("cognito:username", name)
			.containsEntry("token_use", "id")
			.containsEntry("aud", "klepp-web")
			.containsEntry("email", name + "@example.com")
			.containsEntry("email_verified", true)
			.containsEntry("iss", stack.issuerUri());
		Map<String, Object> access = claims(result.get("AccessToken"));
		assertThat(access).containsEntry("username", name)
			.containsEntry("token_use", "access")
			.containsEntry("client_id", "klepp-web")
			.containsEntry("sub", id.get("sub"))
			.containsEntry("origin_jti", id.get("origin_jti"))
			.containsEntry("iss", stack.issuerUri())
			.containsKeys("iat", "exp", "jti")
			.doesNotContainKey("cognito:groups");
		assertThat(result.get("RefreshToken")).isInstanceOf(String.class);
	}

	@Test
	void refreshKeepsTheSignInAndSignOutEndsIt() throws Exception {
		Map<String, Object> result = map(signIn("bob", "klepp-bob-1").body().get("AuthenticationResult"));
		String refreshToken = (String) result.get("RefreshToken");

		Reply user = call("GetUser", Map.of("AccessToken", result.get("AccessToken")));
		assertThat(user.body()).containsEntry("Username", "bob");
		assertThat(user.body().get("UserAttributes").toString()).contains("email_verified", "bob@klepp.local");

		Reply refreshed = call("GetTokensFromRefreshToken", Map.of("ClientId", "klepp-web", "RefreshToken", refreshToken));
		Map<String, Object> fresh = map(refreshed.body().get("AuthenticationResult"));
		assertThat(claims(fresh.get("AccessToken"))).containsEntry("username", "bob")
			.containsEntry("origin_jti", claims(result.get("AccessToken")).get("origin_jti"));
		assertThat(claims(fresh.get("IdToken"))).containsEntry("cognito:username", "bob");
		Reply initiateRefresh = call("InitiateAuth", Map.of("ClientId", "klepp-web", "AuthFlow", "REFRESH_TOKEN_AUTH",
				"AuthParameters", Map.of("REFRESH_TOKEN", refreshToken)));
		assertThat(initiateRefresh.body()).containsKey("AuthenticationResult");

		assertThat(call("RevokeToken", Map.of("ClientId", "klepp-web", "Token", refreshToken)).status()).isEqualTo(200);
		assertThat(call("GetTokensFromRefreshToken", Map.of("ClientId", "klepp-web", "RefreshToken", refreshToken))
			.error()).isEqualTo("NotAuthorizedException");
		assertThat(call("GetUser", Map.of("AccessToken", fresh.get("AccessToken"))).error())
			.isEqualTo("NotAuthorizedException");
	}

	@Test
	void theSeededModeratorIsInTheAdminGroup() throws Exception {
		Map<String, Object> result = map(signIn("moderator", "klepp-moderator").body().get("AuthenticationResult"));
		assertThat(claims(result.get("AccessToken"))).containsEntry("cognito:groups", List.of("admin"));
	}

	@Test
	void wrongPasswordsUnknownUsersAndTakenNamesGetCognitosErrors() throws Exception {
		Reply wrong = signIn("alice", "not-alices-password");
		assertThat(wrong.status()).isEqualTo(400);
		assertThat(wrong.body()).containsEntry("__type", "NotAuthorizedException")
			.containsEntry("message", "Incorrect username or password.");
		assertThat(wrong.headers().firstValue("x-amzn-errortype")).hasValue("NotAuthorizedException:");

		Reply unknown = signIn("nobody-" + UUID.randomUUID(), "whatever-password");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.body()).containsEntry("__type", "UserNotFoundException")
			.containsEntry("message", "User does not exist.");

		assertThat(call("SignUp", Map.of("ClientId", "klepp-web", "Username", "Alice", "Password", "long-enough-1"))
			.error()).isEqualTo("UsernameExistsException");
		assertThat(call("SignUp", Map.of("ClientId", "klepp-web", "Username", "dave", "Password", "short")).error())
			.isEqualTo("InvalidPasswordException");
		assertThat(call("InitiateAuth", Map.of("ClientId", "someone-else", "AuthFlow", "USER_SRP_AUTH")).error())
			.isEqualTo("ResourceNotFoundException");
	}

	@Test
	void browsersOfAnyOriginMayCallIt() throws Exception {
		var preflight = http.send(HttpRequest.newBuilder(URI.create(stack.userPoolEndpoint()))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", "http://localhost:5173")
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers",
					"amz-sdk-invocation-id,amz-sdk-request,cache-control,content-type,x-amz-target,x-amz-user-agent")
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(preflight.statusCode()).isBetween(200, 204);
		assertThat(preflight.headers().firstValue("access-control-allow-origin")).hasValue("*");
		assertThat(preflight.headers().firstValue("access-control-allow-methods").orElseThrow()).contains("POST");
		assertThat(preflight.headers().firstValue("access-control-allow-headers").orElseThrow())
			.contains("x-amz-target", "amz-sdk-request", "cache-control");
		assertThat(signIn("alice", "wrong-password-1").headers().firstValue("access-control-allow-origin")).hasValue("*");
	}

	private Reply signIn(String username, String password) throws Exception {
		SrpClient client = new SrpClient("klepp");
		Reply challenge = call("InitiateAuth", Map.of("ClientId", "klepp-web", "AuthFlow", "USER_SRP_AUTH",
				"AuthParameters", Map.of("USERNAME", username, "SRP_A", client.srpA())));
		if (challenge.status() != 200) {
			return challenge;
		}
		Map<String, Object> parameters = map(challenge.body().get("ChallengeParameters"));
		String userId = (String) parameters.get("USER_ID_FOR_SRP");
		String secretBlock = (String) parameters.get("SECRET_BLOCK");
		String timestamp = SrpSignIn.TIMESTAMP.format(LocalDateTime.now(ZoneOffset.UTC));
		byte[] key = client.key(userId, password, (String) parameters.get("SALT"), (String) parameters.get("SRP_B"));
		return call("RespondToAuthChallenge", Map.of("ClientId", "klepp-web", "ChallengeName", "PASSWORD_VERIFIER",
				"ChallengeResponses", Map.of("USERNAME", parameters.get("USERNAME"), "PASSWORD_CLAIM_SECRET_BLOCK",
						secretBlock, "TIMESTAMP", timestamp, "PASSWORD_CLAIM_SIGNATURE",
						client.signature(key, userId, secretBlock, timestamp))));
	}

	private Reply call(String operation, Map<String, ?> body) throws Exception {
		var response = http.send(HttpRequest.newBuilder(URI.create(stack.userPoolEndpoint()))
			.header("Content-Type", "application/x-amz-json-1.1")
			.header("X-Amz-Target", "AWSCognitoIdentityProviderService." + operation)
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
			.build(), HttpResponse.BodyHandlers.ofString());
		return new Reply(response.statusCode(), map(json.readValue(response.body(), Map.class)), response.headers());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	private static Map<String, Object> claims(Object jwt) {
		return map(json.readValue(Base64.getUrlDecoder().decode(((String) jwt).split("\\.")[1]), Map.class));
	}

	record Reply(int status, Map<String, Object> body, java.net.http.HttpHeaders headers) {

		String error() {
			return status == 400 ? (String) body.get("__type") : "status " + status + ": " + body;
		}

	}

}
