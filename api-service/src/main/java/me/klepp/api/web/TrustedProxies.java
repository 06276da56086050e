package me.klepp.api.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.adapter.ForwardedHeaderTransformer;

/**
 * Forwarded headers ({@code Forwarded}, {@code X-Forwarded-Host/Proto/Port/Prefix/For}) are applied only on
 * connections from the configured proxies ({@link ForwardedProperties}); from anyone else they are removed, so
 * a client cannot make the API's absolute links ({@code uri}, {@code og:url}, ...) point at another host.
 * Spring applies this before every filter, under the bean name {@code forwardedHeaderTransformer}
 * ({@code server.forward-headers-strategy} is {@code none}, or Spring Boot would trust all of them on Heroku).
 */
@Component("forwardedHeaderTransformer")
class TrustedProxies extends ForwardedHeaderTransformer {

	private final ForwardedHeaderTransformer removeOnly = new ForwardedHeaderTransformer();

	private final boolean everyone;

	private final List<Network> proxies;

	TrustedProxies(ForwardedProperties properties) {
		removeOnly.setRemoveOnly(true);
		everyone = properties.trustedProxies().contains("*");
		proxies = properties.trustedProxies().stream().filter(proxy -> !proxy.equals("*")).map(Network::parse).toList();
	}

	@Override
	public ServerHttpRequest apply(ServerHttpRequest request) {
		return trusted(request.getRemoteAddress()) ? super.apply(request) : removeOnly.apply(request);
	}

	boolean trusted(InetSocketAddress peer) {
		if (everyone) {
			return true;
		}
		InetAddress address = peer == null ? null : peer.getAddress();
		return address != null && proxies.stream().anyMatch(network -> network.contains(address));
	}

	/** An address range: the first {@code prefixBits} bits of {@code address}. */
	record Network(byte[] address, int prefixBits) {

		private static final Pattern LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

		static Network parse(String text) {
			int slash = text.indexOf('/');
			String literal = slash < 0 ? text : text.substring(0, slash);
			if (!LITERAL.matcher(literal).matches()) {
				throw new IllegalArgumentException("klepp.forwarded.trusted-proxies: '" + text
						+ "' is not an IP address or CIDR range (host names are not resolved)");
			}
			byte[] address;
			try {
				address = InetAddress.getByName(literal).getAddress(); // a literal: no lookup
			}
			catch (UnknownHostException e) {
				throw new IllegalArgumentException("klepp.forwarded.trusted-proxies: '" + text + "' is not an IP address", e);
			}
			int bits = address.length * 8;
			int prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
			if (prefix < 0 || prefix > bits) {
				throw new IllegalArgumentException("klepp.forwarded.trusted-proxies: '" + text + "' has a prefix outside 0-" + bits);
			}
			return new Network(address, prefix);
		}

		boolean contains(InetAddress candidate) {
			byte[] other = candidate.getAddress();
			if (other.length != address.length) {
				return false;
			}
			int full = prefixBits / 8;
			for (int i = 0; i < full; i++) {
				if (other[i] != address[i]) {
					return false;
				}
			}
			int rest = prefixBits % 8;
			int mask = (0xff << (8 - rest)) & 0xff;
			return rest == 0 || (other[full] & mask) == (address[full] & mask);
		}

	}

}
