package me.klepp.api.uploads;

import me.klepp.api.auth.CurrentUser;
import me.klepp.api.problems.ProblemResponses;
import me.klepp.api.web.PerUserRateLimit;
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

	private final PerUserRateLimit limit;

	UploadRateLimit(UploadProperties properties) {
		this.limit = new PerUserRateLimit(properties.perUserPerMinute(), "uploads started");
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!startsUpload(exchange)) {
			return chain.filter(exchange);
		}
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(context -> CurrentUser.of(context.getAuthentication()))
			.flatMap(user -> {
				long waitSeconds = limit.tryTake(user.username());
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

}
