package me.klepp.api.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

/** The claim checks alone, for configurations the integration tests do not run (other OIDC providers). */
class AccessTokenValidatorsTest {

	static final String ISSUER = "https://issuer.example";

	@Test
	void anotherProvidersUsernameClaimAndNoTokenUseWhenConfigured() {
		var properties = new AuthProperties(List.of("spa"), "preferred_username", false, "groups", "mods",
				Duration.ofSeconds(30));
		var validator = AccessTokenValidators.create(ISSUER, properties);

		assertThat(validator.validate(jwt(Map.of("preferred_username", "alice", "client_id", "spa"))).hasErrors())
			.isFalse();
		assertThat(validator.validate(jwt(Map.of("username", "alice", "client_id", "spa"))).hasErrors())
			.as("the configured claim is required").isTrue();
	}

	@Test
	void cognitoDefaultsRefuseIdTokensAndForeignClients() {
		var validator = AccessTokenValidators.create(ISSUER, new AuthProperties(List.of("spa"), null, null, null, null, null));

		assertThat(validator.validate(jwt(Map.of("username", "a", "token_use", "access", "client_id", "spa"))).hasErrors())
			.isFalse();
		assertThat(validator.validate(jwt(Map.of("username", "a", "token_use", "id", "client_id", "spa"))).hasErrors())
			.isTrue();
		assertThat(validator.validate(jwt(Map.of("username", "a", "token_use", "access", "client_id", "x"))).hasErrors())
			.isTrue();
	}

	@Test
	void expiryHasASmallSkewOnly() {
		var validator = AccessTokenValidators.create(ISSUER, new AuthProperties(List.of(), null, null, null, null, null));
		var claims = Map.<String, Object>of("username", "a", "token_use", "access");

		assertThat(validator.validate(jwt(claims, Instant.now().minusSeconds(10))).hasErrors()).isFalse();
		assertThat(validator.validate(jwt(claims, Instant.now().minusSeconds(120))).hasErrors()).isTrue();
	}

	private static Jwt jwt(Map<String, Object> claims) {
		return jwt(claims, Instant.now().plusSeconds(600));
	}

	private static Jwt jwt(Map<String, Object> claims, Instant expiresAt) {
		return Jwt.withTokenValue("t")
			.header("alg", "RS256")
			.issuer(ISSUER)
			.issuedAt(expiresAt.minusSeconds(3600))
			.expiresAt(expiresAt)
			.claims(c -> c.putAll(claims))
			.build();
	}

}
