package me.klepp.api.auth;

import java.util.List;
import java.util.Map;

import me.klepp.api.problems.ProblemResponses;
import me.klepp.api.web.ClientText;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Security's strict firewall, loosened only where object keys need it: a key may hold {@code %}
 * (sent as {@code %25}), {@code ;} and {@code \} (ShareX and direct S3 uploads choose any key), so
 * {@code /api/v2/files/…}, {@code /media/…} and {@code /thumbnails/…} must take them. What makes a path mean
 * something else than it says stays refused: an encoded slash ({@code %2F}), {@code .} and {@code ..}
 * segments, an encoded period, NUL, CR and LF. Query strings are checked for NUL too ({@link ClientText}).
 * Refusals are problem details (ADR 0012).
 */
final class RequestFirewall implements ServerWebExchangeFirewall {

	private final StrictServerWebExchangeFirewall strict = new StrictServerWebExchangeFirewall();

	RequestFirewall() {
		strict.setAllowUrlEncodedPercent(true);
		strict.setAllowSemicolon(true);
		strict.setAllowBackSlash(true);
		// The decoded path may now hold '%' as text, e.g. a key "a%2Fb" sent as "a%252Fb": that is no encoded
		// slash. The raw path is still checked for every encoded form.
		strict.getDecodedUrlBlocklist().removeIf(forbidden -> forbidden.contains("%"));
	}

	@Override
	public Mono<ServerWebExchange> getFirewalledExchange(ServerWebExchange exchange) {
		return Mono.fromRunnable(() -> refuseNulInQuery(exchange))
			.then(strict.getFirewalledExchange(exchange))
			.map(RequestFirewall::semicolonsAsText);
	}

	/**
	 * Spring would read a {@code ;} in a path segment as the start of matrix variables and drop the rest of the
	 * segment from what routes match: a key {@code a;b.mp4} would be looked up as {@code a}. klepp has no matrix
	 * variables, so a {@code ;} is part of the key, as if it had been sent as {@code %3B}.
	 */
	private static ServerWebExchange semicolonsAsText(ServerWebExchange exchange) {
		String raw = exchange.getRequest().getPath().value();
		if (raw.indexOf(';') < 0) {
			return exchange;
		}
		return exchange.mutate().request(request -> request.path(raw.replace(";", "%3B"))).build();
	}

	private static void refuseNulInQuery(ServerWebExchange exchange) {
		Map<String, List<String>> parameters;
		try {
			parameters = exchange.getRequest().getQueryParams();
		}
		catch (IllegalArgumentException malformed) {
			throw new ServerExchangeRejectedException("The query string is not validly percent-encoded.");
		}
		parameters.forEach((name, values) -> {
			if (ClientText.hasNul(name) || values.stream().anyMatch(ClientText::hasNul)) {
				throw new ServerExchangeRejectedException(
						"The query parameter '" + name.replace("\0", "") + "' must not contain a NUL character (U+0000).");
			}
		});
	}

	/** Refusals as 400 problem details, saying what was refused. */
	static ServerExchangeRejectedHandler problems() {
		return (exchange, rejected) -> ProblemResponses.write(exchange, HttpStatus.BAD_REQUEST, rejected.getMessage());
	}

}
