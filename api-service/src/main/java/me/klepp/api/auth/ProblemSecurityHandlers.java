package me.klepp.api.auth;

import me.klepp.api.problems.ProblemResponses;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** 401 and 403 as RFC 9457 problem details, with the bearer challenge RFC 6750 asks for. */
final class ProblemSecurityHandlers {

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
		return ProblemResponses.write(exchange, status, detail);
	}

}
