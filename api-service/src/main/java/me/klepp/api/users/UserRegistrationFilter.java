package me.klepp.api.users;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import me.klepp.api.auth.CurrentUser;
import me.klepp.api.problems.ProblemResponses;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Users exist from their first signed-in request on, whatever it is. Names already registered by this
 * process are remembered, so a signed-in request costs no extra query after the first. A token whose user name
 * breaks {@link UserNames}' rule is refused here, before any route runs (403 problem detail saying why): names
 * become key segments, so {@code a/b} or {@code ..} must never reach an upload.
 */
@Component
class UserRegistrationFilter implements WebFilter {

	private final UserDirectory users;

	private final Set<String> registered = ConcurrentHashMap.newKeySet();

	UserRegistrationFilter(UserDirectory users) {
		this.users = users;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(context -> CurrentUser.of(context.getAuthentication()))
			.filter(user -> !registered.contains(user.username()))
			.flatMap(user -> UserNames.problemWith(user.username())
				.map(problem -> ProblemResponses.write(exchange, HttpStatus.FORBIDDEN, problem, Map.of())
					.thenReturn(false))
				.orElseGet(() -> users.ensureUser(user.username())
					.doOnSuccess(id -> registered.add(user.username()))
					.thenReturn(true)))
			.defaultIfEmpty(true)
			.flatMap(proceed -> proceed ? chain.filter(exchange) : Mono.empty());
	}

}
