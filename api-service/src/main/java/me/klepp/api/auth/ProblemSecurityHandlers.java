package me.klepp.api.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** 401 and 403 as RFC 9457 problem details, with the bearer challenge RFC 6750 asks for. */
final class ProblemSecurityHandlers {

	private static final JsonMapper json = JsonMapper.builder().build();

	private ProblemSecurityHandlers() {
	}

	static ServerAuthenticationEntryPoint entryPoint() {
		return (exchange, failure) -> {
			boolean invalidToken = failure instanceof InvalidBearerTokenException;
			String challenge = invalidToken
					? "Bearer error=\"invalid_token\", error_description=\"" + sanitize(failure) + "\"" : "Bearer";
			exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
			String detail = invalidToken ? "The access token was refused: " + failure.getMessage()
					: "Sign in: this request needs a bearer access token.";
			return write(exchange, HttpStatus.UNAUTHORIZED, detail);
		};
	}

	static ServerAccessDeniedHandler accessDenied() {
		return (exchange, denied) -> write(exchange, HttpStatus.FORBIDDEN, "You may not do this.");
	}

	private static String sanitize(AuthenticationException failure) {
		return String.valueOf(failure.getMessage()).replace('"', '\'');
	}

	private static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
		var response = exchange.getResponse();
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		byte[] body = json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

}
