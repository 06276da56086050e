package me.klepp.devstack.userpool;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The issuer's signing keys, lent to the user pool so that its tokens carry the same {@code iss} and verify
 * against the same JWKS as every other token the API trusts.
 */
public interface TokenKeys {

	/** A signed JWT with these claims plus {@code iss}, {@code iat}, {@code nbf} and {@code exp}. */
	String sign(Map<String, Object> claims, Duration lifetime);

	/** The claims of a token this issuer signed and that has not expired; empty for anything else. */
	Optional<Map<String, Object>> verify(String jwt);

}
