package me.klepp.api.auth;

import java.util.ArrayList;
import java.util.List;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * Cognito access tokens have no audience: the app client is in {@code client_id}, and ID tokens (which do
 * have {@code aud}) must not pass as access tokens. So the checks are issuer, time, {@code token_use} and
 * {@code client_id}, and the name claim must be present.
 */
final class AccessTokenValidators {

	private AccessTokenValidators() {
	}

	static OAuth2TokenValidator<Jwt> create(String issuer, AuthProperties properties) {
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		validators.add(new JwtTimestampValidator(properties.clockSkew()));
		validators.add(new JwtIssuerValidator(issuer));
		if (properties.requireAccessTokenUse()) {
			validators.add(claimEquals("token_use", "access", "not an access token"));
		}
		if (!properties.clientIds().isEmpty()) {
			validators.add(jwt -> properties.clientIds().contains(jwt.getClaimAsString("client_id"))
					? OAuth2TokenValidatorResult.success() : failure("token was issued to an unknown client"));
		}
		validators.add(jwt -> hasText(jwt.getClaimAsString(properties.usernameClaim()))
				? OAuth2TokenValidatorResult.success()
				: failure("token has no " + properties.usernameClaim() + " claim"));
		return new DelegatingOAuth2TokenValidator<>(validators);
	}

	private static OAuth2TokenValidator<Jwt> claimEquals(String claim, String expected, String description) {
		return jwt -> expected.equals(jwt.getClaimAsString(claim)) ? OAuth2TokenValidatorResult.success()
				: failure(description);
	}

	private static OAuth2TokenValidatorResult failure(String description) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

}
