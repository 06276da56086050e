package me.klepp.api.uploads;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import me.klepp.api.auth.CurrentUser;
import me.klepp.api.problems.ProblemResponses;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A token bucket per user for starting uploads (presign, API and ShareX uploads): {@code perUserPerMinute}
 * at once, refilled at that rate. Over it: 429 with {@code Retry-After}. Per instance, which bounds the total
 * by the number of instances; enough to stop a runaway script.
 */
@Component
class UploadRateLimit implements WebFilter {

	private final UploadProperties properties;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	UploadRateLimit(UploadProperties properties) {
		this.properties = properties;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!startsUpload(exchange)) {
			return chain.filter(exchange);
		}
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(context -> CurrentUser.of(context.getAuthentication()))
			.flatMap(user -> {
				long waitSeconds = buckets.computeIfAbsent(user.username().toLowerCase(), name -> new Bucket())
					.take(properties.perUserPerMinute());
				return waitSeconds == 0 ? chain.filter(exchange).thenReturn(true) : tooMany(exchange, waitSeconds);
			})
			.switchIfEmpty(chain.filter(exchange).thenReturn(true))
			.then();
	}

	private static boolean startsUpload(ServerWebExchange exchange) {
		if (exchange.getRequest().getMethod() != HttpMethod.POST) {
			return false;
		}
		String path = exchange.getRequest().getPath().value();
		return path.equals("/api/v2/uploads") || path.equals("/api/v2/files") || path.equals("/api/v2/sharex/upload");
	}

	private static Mono<Boolean> tooMany(ServerWebExchange exchange, long waitSeconds) {
		exchange.getResponse().getHeaders().set("Retry-After", Long.toString(waitSeconds));
		return ProblemResponses.write(exchange, HttpStatus.TOO_MANY_REQUESTS,
				"too many uploads started; try again in " + waitSeconds + " s")
			.thenReturn(false);
	}

	/** Tokens refill continuously at {@code perMinute} per minute up to {@code perMinute}. */
	private static final class Bucket {

		private double tokens = -1;

		private long updatedNanos = System.nanoTime();

		synchronized long take(int perMinute) {
			long now = System.nanoTime();
			double perNano = perMinute / (double) Duration.ofMinutes(1).toNanos();
			tokens = tokens < 0 ? perMinute : Math.min(perMinute, tokens + (now - updatedNanos) * perNano);
			updatedNanos = now;
			if (tokens >= 1) {
				tokens -= 1;
				return 0;
			}
			return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1_000_000_000L));
		}

	}

}
