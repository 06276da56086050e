package me.klepp.api.problems;

import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Problem details written outside Spring's controllers (security handlers, filters, the request firewall, the
 * HTTP decoder), serialised as Spring serialises its own: no null or empty members (RFC 9457), extension
 * members at the top level. The application's mapper includes nulls on purpose (the frontend's contract), so
 * it cannot be used for these.
 */
public final class ProblemResponses {

	private static final JsonMapper json = JsonMapper.builder()
		.addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
		.build();

	private ProblemResponses() {
	}

	/** The problem's JSON text. */
	public static byte[] json(ProblemDetail problem) {
		return json.writeValueAsBytes(problem);
	}

	/** Writes the problem with these extra response headers (e.g. {@code Retry-After}). */
	public static Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String detail,
			Map<String, String> headers) {
		headers.forEach(exchange.getResponse().getHeaders()::set);
		return write(exchange, status, detail);
	}

	/** Writes {@code status} with {@code detail} as the response, naming the request's path as the instance. */
	public static Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		try {
			problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
		}
		catch (IllegalArgumentException notAUri) {
			// A path the firewall refused may not even be a URI; the problem goes out without an instance.
		}
		var response = exchange.getResponse();
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(json(problem))));
	}

}
