package me.klepp.devstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The token command the local run prints yields a Cognito-shaped access token for the asked user name. */
class OidcTokenTest {

	final JsonMapper json = JsonMapper.builder().build();

	@Test
	void tokenEndpointIssuesCognitoShapedAccessTokensForAnyUsername() throws Exception {
		Devstack stack = Devstack.shared();
		var response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(stack.tokenEndpoint()))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(
						"grant_type=client_credentials&client_id=klepp-web&client_secret=local&username=zoe&groups=admin"))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode claims = claims(json.readTree(response.body()).get("access_token").asString());
		assertThat(claims.get("username").asString()).isEqualTo("zoe");
		assertThat(claims.get("token_use").asString()).isEqualTo("access");
		assertThat(claims.get("client_id").asString()).isEqualTo("klepp-web");
		assertThat(claims.get("cognito:groups").get(0).asString()).isEqualTo("admin");
		assertThat(claims.get("iss").asString()).isEqualTo(stack.issuerUri());
	}

	@Test
	void programmaticTokensCarryTheSameClaims() {
		Devstack stack = Devstack.shared();
		JsonNode claims = claims(stack.accessToken("alice"));
		assertThat(claims.get("username").asString()).isEqualTo("alice");
		assertThat(claims.get("token_use").asString()).isEqualTo("access");
		assertThat(claims.get("iss").asString()).isEqualTo(stack.issuerUri());
		assertThat(claims.has("cognito:groups")).isFalse();
	}

	private JsonNode claims(String jwt) {
		return json.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
	}

}
