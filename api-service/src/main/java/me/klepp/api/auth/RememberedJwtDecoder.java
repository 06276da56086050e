package me.klepp.api.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Checks a token's signature once a minute rather than on every request: a token that passed is remembered, by its
 * exact text, for {@code remember}; a remembered token is validated again on every use (expiry, issuer, token use,
 * client), only the signature check (RSA, most of the decoding's cost) and parsing are skipped. A signing key the
 * issuer withdraws stops being accepted within {@code remember}.
 */
final class RememberedJwtDecoder implements ReactiveJwtDecoder {

	private static final int MAX_REMEMBERED = 1000;

	private final ReactiveJwtDecoder decoder;

	private final OAuth2TokenValidator<Jwt> validator;

	private final Duration remember;

	private final Clock clock;

	private final Map<String, Remembered> tokens = new ConcurrentHashMap<>();

	RememberedJwtDecoder(ReactiveJwtDecoder decoder, OAuth2TokenValidator<Jwt> validator, Duration remember,
			Clock clock) {
		this.decoder = decoder;
		this.validator = validator;
		this.remember = remember;
		this.clock = clock;
	}

	@Override
	public Mono<Jwt> decode(String token) {
		Remembered known = tokens.get(token);
		if (known != null && clock.instant().isBefore(known.until()) && !validator.validate(known.jwt()).hasErrors()) {
			return Mono.just(known.jwt());
		}
		if (known != null) {
			tokens.remove(token);
		}
		// Anything else goes the full way, which also gives a failing token its proper error.
		return decoder.decode(token).doOnNext(jwt -> {
			if (tokens.size() >= MAX_REMEMBERED) {
				tokens.clear();
			}
			tokens.put(token, new Remembered(jwt, clock.instant().plus(remember)));
		});
	}

	private record Remembered(Jwt jwt, Instant until) {
	}

}
