package me.klepp.api.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RememberedJwtDecoderTest {

	final Instant now = Instant.parse("2026-12-01T12:00:00Z");

	final AtomicInteger decoded = new AtomicInteger();

	final AtomicBoolean valid = new AtomicBoolean(true);

	final OAuth2TokenValidator<Jwt> validator = jwt -> valid.get() ? OAuth2TokenValidatorResult.success()
			: OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "expired", null));

	/** The full decoder: counts its work, and fails like it when the token is no longer valid. */
	final ReactiveJwtDecoder full = token -> {
		decoded.incrementAndGet();
		if (token.equals("forged") || !valid.get()) {
			return Mono.error(new BadJwtException("rejected"));
		}
		return Mono.just(Jwt.withTokenValue(token).header("alg", "RS256").claim("username", "alice").build());
	};

	@Test
	void aTokenThatPassedIsNotCheckedAgainWithinAMinute() {
		var decoder = decoder(now);
		assertThat(decoder.decode("t").block().getClaimAsString("username")).isEqualTo("alice");
		decoder.decode("t").block();
		assertThat(decoded).hasValue(1);
	}

	@Test
	void aRememberedTokenIsValidatedOnEveryUseAndGoesTheFullWayOnceRefused() {
		var decoder = decoder(now);
		decoder.decode("t").block();
		valid.set(false);
		assertThatThrownBy(() -> decoder.decode("t").block()).isInstanceOf(BadJwtException.class);
		assertThat(decoded).hasValue(2);
	}

	@Test
	void aRefusedTokenIsNeverRemembered() {
		var decoder = decoder(now);
		assertThatThrownBy(() -> decoder.decode("forged").block()).isInstanceOf(BadJwtException.class);
		assertThatThrownBy(() -> decoder.decode("forged").block()).isInstanceOf(BadJwtException.class);
		assertThat(decoded).hasValue(2);
	}

	@Test
	void rememberingEndsAfterItsTime() {
		MutableClock clock = new MutableClock(now);
		var decoder = new RememberedJwtDecoder(full, validator, Duration.ofMinutes(1), clock);
		decoder.decode("t").block();
		clock.now = now.plus(Duration.ofSeconds(59));
		decoder.decode("t").block();
		assertThat(decoded).hasValue(1);
		clock.now = now.plus(Duration.ofSeconds(60));
		decoder.decode("t").block();
		assertThat(decoded).hasValue(2);
	}

	private RememberedJwtDecoder decoder(Instant at) {
		return new RememberedJwtDecoder(full, validator, Duration.ofMinutes(1), Clock.fixed(at, ZoneOffset.UTC));
	}

	private static final class MutableClock extends Clock {

		Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public Instant instant() {
			return now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
