package me.klepp.api.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param trustedProxies the proxies whose {@code Forwarded} and {@code X-Forwarded-*} headers are believed:
 * addresses or CIDR ranges ({@code 10.0.0.0/8}, {@code 2001:db8::/32}) of the direct peer, or {@code *} for
 * every connection (only where nothing but the proxy can reach the API, such as Heroku's router). Empty (the
 * default): no one's; such headers are then removed and ignored.
 */
@ConfigurationProperties("klepp.forwarded")
public record ForwardedProperties(List<String> trustedProxies) {

	public ForwardedProperties {
		trustedProxies = trustedProxies == null ? List.of()
				: trustedProxies.stream().map(String::strip).filter(proxy -> !proxy.isEmpty()).toList();
	}

}
