package me.klepp.devstack;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import me.klepp.devstack.userpool.TokenKeys;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

/**
 * The mock issuer's signing keys for tokens it does not mint itself (the local user pool's): signed with the
 * key its JWKS publishes for {@link CognitoAccessTokens#ISSUER_ID}, with its {@code iss}.
 */
final class IssuerKeys implements TokenKeys {

	private final OAuth2TokenProvider tokenProvider;

	private final Supplier<String> issuer;

	private final Clock clock;

	IssuerKeys(OAuth2TokenProvider tokenProvider, Supplier<String> issuer, Clock clock) {
		this.tokenProvider = tokenProvider;
		this.issuer = issuer;
		this.clock = clock;
	}

	@Override
	public String sign(Map<String, Object> claims, Duration lifetime) {
		Map<String, Object> all = new LinkedHashMap<>(claims);
		all.put("iss", issuer.get());
		return tokenProvider.jwt(all, lifetime, CognitoAccessTokens.ISSUER_ID).serialize();
	}

	@Override
	public Optional<Map<String, Object>> verify(String jwt) {
		try {
			SignedJWT token = SignedJWT.parse(jwt);
			JWK key = tokenProvider.publicJwkSet(CognitoAccessTokens.ISSUER_ID).getKeyByKeyId(token.getHeader().getKeyID());
			if (!(key instanceof RSAKey rsa) || !token.verify(new RSASSAVerifier(rsa))) {
				return Optional.empty();
			}
			var claims = token.getJWTClaimsSet();
			Date expiry = claims.getExpirationTime();
			if (!issuer.get().equals(claims.getIssuer()) || expiry == null || !expiry.toInstant().isAfter(clock.instant())) {
				return Optional.empty();
			}
			return Optional.of(claims.toJSONObject());
		}
		catch (ParseException | JOSEException e) {
			return Optional.empty();
		}
	}

}
