package me.klepp.api.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Which peers count as trusted proxies: addresses and CIDR ranges, IPv4 and IPv6, or everyone. */
class TrustedProxiesTest {

	@Test
	void onlyPeersInsideTheConfiguredRangesAreTrusted() throws Exception {
		var proxies = new TrustedProxies(new ForwardedProperties(List.of("10.1.0.0/16", "192.0.2.7", "2001:db8::/32")));

		assertThat(proxies.trusted(peer("10.1.255.3"))).isTrue();
		assertThat(proxies.trusted(peer("10.2.0.1"))).isFalse();
		assertThat(proxies.trusted(peer("192.0.2.7"))).isTrue();
		assertThat(proxies.trusted(peer("192.0.2.8"))).isFalse();
		assertThat(proxies.trusted(peer("2001:db8:1::1"))).isTrue();
		assertThat(proxies.trusted(peer("2001:db9::1"))).isFalse();
		assertThat(proxies.trusted(null)).isFalse();
	}

	@Test
	void noneByDefaultAndEveryoneWithAStar() throws Exception {
		assertThat(new TrustedProxies(new ForwardedProperties(null)).trusted(peer("127.0.0.1"))).isFalse();
		assertThat(new TrustedProxies(new ForwardedProperties(List.of("*"))).trusted(peer("203.0.113.9"))).isTrue();
	}

	@Test
	void hostNamesAndBadPrefixesAreRefusedAtStartup() {
		assertThatIllegalArgumentException().isThrownBy(() -> TrustedProxies.Network.parse("proxy.example"));
		assertThatIllegalArgumentException().isThrownBy(() -> TrustedProxies.Network.parse("10.0.0.0/33"));
		assertThatIllegalArgumentException().isThrownBy(() -> TrustedProxies.Network.parse("cafe"));
	}

	private static InetSocketAddress peer(String address) throws Exception {
		return new InetSocketAddress(InetAddress.getByName(address), 40_000);
	}

}
