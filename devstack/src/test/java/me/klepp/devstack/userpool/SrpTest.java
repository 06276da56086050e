package me.klepp.devstack.userpool;

import java.math.BigInteger;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The server's SRP math agrees with the client's formulas (frontend.md B2) for the right password only. */
class SrpTest {

	@Test
	void serverAndClientDeriveTheSameKeyFromTheRightPassword() {
		Srp.Verifier verifier = Srp.verifier("klepp", "alice", "correct horse");
		Srp.ServerValues server = Srp.serverValues(verifier.v());
		SrpClient client = new SrpClient("klepp");

		byte[] clientKey = client.key("alice", "correct horse", verifier.salt().toString(16),
				server.publicB().toString(16));

		assertThat(Srp.serverKey(client.publicA, server, verifier.v())).hasSize(16).isEqualTo(clientKey);
	}

	@Test
	void aWrongPasswordOrAnotherPoolGivesAnotherKey() {
		Srp.Verifier verifier = Srp.verifier("klepp", "alice", "correct horse");
		Srp.ServerValues server = Srp.serverValues(verifier.v());
		SrpClient client = new SrpClient("klepp");
		String salt = verifier.salt().toString(16);
		String b = server.publicB().toString(16);
		byte[] serverKey = Srp.serverKey(client.publicA, server, verifier.v());

		assertThat(client.key("alice", "correct horsf", salt, b)).isNotEqualTo(serverKey);
		SrpClient elsewhere = new SrpClient("other");
		assertThat(elsewhere.key("alice", "correct horse", salt, b))
			.isNotEqualTo(Srp.serverKey(elsewhere.publicA, server, verifier.v()));
	}

	@Test
	void theSignatureTheClientSendsIsTheOneTheServerExpects() {
		Srp.Verifier verifier = Srp.verifier("klepp", "bob", "klepp-bob-1");
		Srp.ServerValues server = Srp.serverValues(verifier.v());
		SrpClient client = new SrpClient("klepp");
		byte[] key = client.key("bob", "klepp-bob-1", verifier.salt().toString(16), server.publicB().toString(16));
		String secretBlock = Base64.getEncoder().encodeToString(Srp.randomBytes(64));
		String timestamp = "Wed Mar 5 09:04:03 UTC 2025";

		byte[] expected = Srp.passwordClaimSignature(Srp.serverKey(client.publicA, server, verifier.v()), "klepp",
				"bob", Base64.getDecoder().decode(secretBlock), timestamp);

		assertThat(Base64.getDecoder().decode(client.signature(key, "bob", secretBlock, timestamp)))
			.isEqualTo(expected);
	}

	@Test
	void numbersAreHashedInMinimalTwosComplementWithALeadingZeroWhenTheTopBitIsSet() {
		assertThat(HexFormat.of().formatHex(Srp.pad(new BigInteger("80", 16)))).isEqualTo("0080");
		assertThat(HexFormat.of().formatHex(Srp.pad(new BigInteger("7f", 16)))).isEqualTo("7f");
		assertThat(HexFormat.of().formatHex(Srp.pad(Srp.N))).startsWith("00ffff").hasSize(2 + 768);
	}

	@Test
	void amplifysTimestampsParseWithUnpaddedDays() {
		assertThat(LocalDateTime.parse("Wed Mar 5 09:04:03 UTC 2025", SrpSignIn.TIMESTAMP))
			.isEqualTo(LocalDateTime.of(2025, 3, 5, 9, 4, 3));
		assertThat(LocalDateTime.parse("Tue Dec 23 19:04:03 UTC 2025", SrpSignIn.TIMESTAMP))
			.isEqualTo(LocalDateTime.of(2025, 12, 23, 19, 4, 3));
	}

	@Test
	void anAOfZeroModuloNIsRefused() {
		assertThat(Srp.acceptable(BigInteger.ZERO)).isFalse();
		assertThat(Srp.acceptable(Srp.N)).isFalse();
		assertThat(Srp.acceptable(Srp.N.shiftLeft(1))).isFalse();
		assertThat(Srp.acceptable(new SrpClient("klepp").publicA)).isTrue();
	}

}
