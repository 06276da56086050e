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
		return Mono.fromRunnable(() -> refuseNulInQuery(exchange)).then(strict.getFirewalledExchange(exchange));
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
