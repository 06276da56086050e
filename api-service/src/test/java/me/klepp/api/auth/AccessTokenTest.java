package me.klepp.api.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import me.klepp.api.support.ApiIntegrationTest;
import me.klepp.devstack.Devstack;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/** Which tokens open the API: Cognito access tokens of our issuer and app client, and nothing else. */
class AccessTokenTest extends ApiIntegrationTest {

	final Devstack stack = Devstack.shared();

	@Test
	void aValidAccessTokenSignsTheUserInAndCreatesThem() {
		String name = "newcomer-" + System.nanoTime();
		api.as(name).post().uri("/api/v2/tags").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"t" + System.nanoTime() + "\"}").exchange().expectStatus().isCreated();

		api.anonymous().get().uri("/api/v2/users/" + name).exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.name").isEqualTo(name);
	}

	@Test
	void everyOtherTokenGets401WithAProblemAndABearerChallenge() throws Exception {
		String[] refused = { stack.token("alice", Devstack.CLIENT_ID, "id", 3600),
				stack.token("alice", "another-app", "access", 3600),
				stack.token("alice", Devstack.CLIENT_ID, "access", -600), unsignedToken(), wronglySignedToken(),
				otherIssuerToken(), "not.a.jwt" };
		for (String token : refused) {
			api.withToken(token).post().uri("/api/v2/tags").contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"name\":\"never\"}").exchange()
				.expectStatus().isUnauthorized()
				.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, value -> assertThat(value).startsWith("Bearer"))
				.expectBody().jsonPath("$.status").isEqualTo(401);
		}
	}

	@Test
	void anonymousReadsAreAllowedAndWritesNeedSigningIn() {
		api.anonymous().get().uri("/api/v2/files").exchange().expectStatus().isOk();
		api.anonymous().get().uri("/api/v2/tags").exchange().expectStatus().isOk();
		api.anonymous().get().uri("/api/v2/users").exchange().expectStatus().isOk();
		api.anonymous().post().uri("/api/v2/like").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"path\":\"x\"}").exchange().expectStatus().isUnauthorized()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	private String unsignedToken() {
		String header = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
		long now = System.currentTimeMillis() / 1000;
		String claims = base64("{\"iss\":\"" + stack.issuerUri() + "\",\"username\":\"alice\",\"token_use\":\"access\","
				+ "\"client_id\":\"" + Devstack.CLIENT_ID + "\",\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}");
		return header + "." + claims + ".";
	}

	private String wronglySignedToken() throws Exception {
		var key = new RSAKeyGenerator(2048).keyID("cognito").generate();
		var claims = new JWTClaimsSet.Builder().issuer(stack.issuerUri())
			.claim("username", "alice")
			.claim("token_use", "access")
			.claim("client_id", Devstack.CLIENT_ID)
			.issueTime(new Date())
			.expirationTime(new Date(System.currentTimeMillis() + 3_600_000))
			.build();
		var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	private String otherIssuerToken() throws Exception {
		String endpoint = stack.tokenEndpoint().replace("/cognito/", "/other/");
		var response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(endpoint))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(
						"grant_type=client_credentials&client_id=klepp-web&client_secret=x&username=alice"))
				.build(), HttpResponse.BodyHandlers.ofString());
		String token = json.readTree(response.body()).get("access_token").asString();
		assertThat(token).isNotBlank();
		return token;
	}

	private static String base64(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
