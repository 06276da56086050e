package me.klepp.api.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * The API's base URL as the caller reached it (honouring {@code X-Forwarded-*} behind a proxy), put into the
 * Reactor context so absolute links in responses point back to the same host.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestBaseUrl implements WebFilter {

	private static final String KEY = RequestBaseUrl.class.getName();

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String base = UriComponentsBuilder.fromUri(exchange.getRequest().getURI())
			.replacePath(null)
			.replaceQuery(null)
			.fragment(null)
			.build()
			.toUriString();
		return chain.filter(exchange).contextWrite(context -> context.put(KEY, base));
	}

	public static String of(ContextView context) {
		return context.getOrDefault(KEY, "http://localhost:8080");
	}

}
