package me.klepp.devstack.userpool;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server side of the SRP-6a variant Cognito user pools speak, computed exactly as Amplify's client does
 * (its {@code AuthenticationHelper}): the 3072-bit RFC 3526 group with g = 2 and SHA-256; every number hashed in
 * its minimal two's-complement big-endian form ({@link BigInteger#toByteArray()}); the session key derived with
 * HKDF ("Caldera Derived Key"); the client proves it with an HMAC over pool name, user, secret block and time.
 * The server only ever holds the salt and the verifier g^x, never the password.
 */
final class Srp {

	static final BigInteger N = new BigInteger("FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1"
			+ "29024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245"
			+ "E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3D"
			+ "C2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D"
			+ "670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9"
			+ "DE2BCBF6955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64"
			+ "ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6B"
			+ "F12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB31"
			+ "43DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF", 16);

	static final BigInteger G = BigInteger.TWO;

	/** The multiplier k = H(PAD(N) ‖ PAD(g)). */
	static final BigInteger K = new BigInteger(1, sha256(pad(N), pad(G)));

	private static final byte[] DERIVED_KEY_INFO = "Caldera Derived Key\u0001".getBytes(StandardCharsets.UTF_8);

	private static final SecureRandom RANDOM = new SecureRandom();

	private Srp() {
	}

	/** What the pool keeps of a password: a random salt and v = g^x. */
	record Verifier(BigInteger salt, BigInteger v) {
	}

	/** The server's ephemeral secret b and public value B = k·v + g^b, for one sign-in. */
	record ServerValues(BigInteger b, BigInteger publicB) {
	}

	static Verifier verifier(String poolName, String userIdForSrp, String password) {
		BigInteger salt = new BigInteger(1, randomBytes(16));
		return new Verifier(salt, G.modPow(x(salt, poolName, userIdForSrp, password), N));
	}

	/** x = H(PAD(salt) ‖ H(poolName ‖ user ‖ ":" ‖ password)). */
	static BigInteger x(BigInteger salt, String poolName, String userIdForSrp, String password) {
		byte[] identity = sha256((poolName + userIdForSrp + ":" + password).getBytes(StandardCharsets.UTF_8));
		return new BigInteger(1, sha256(pad(salt), identity));
	}

	static ServerValues serverValues(BigInteger v) {
		while (true) {
			BigInteger b = new BigInteger(1, randomBytes(128));
			BigInteger publicB = K.multiply(v).add(G.modPow(b, N)).mod(N);
			if (publicB.signum() != 0) {
				return new ServerValues(b, publicB);
			}
		}
	}

	/** Whether a client's A is usable: the protocol is broken if A mod N is 0. */
	static boolean acceptable(BigInteger publicA) {
		return publicA.signum() > 0 && publicA.mod(N).signum() != 0;
	}

	/** u = H(PAD(A) ‖ PAD(B)). */
	static BigInteger u(BigInteger publicA, BigInteger publicB) {
		return new BigInteger(1, sha256(pad(publicA), pad(publicB)));
	}

	/** The 16-byte session key from the server's side: S = (A·v^u)^b mod N, then HKDF(salt = PAD(u), PAD(S)). */
	static byte[] serverKey(BigInteger publicA, ServerValues server, BigInteger v) {
		BigInteger u = u(publicA, server.publicB());
		BigInteger s = publicA.multiply(v.modPow(u, N)).modPow(server.b(), N);
		return derivedKey(s, u);
	}

	/** HKDF-SHA256 with one output block, cut to 16 bytes, as Amplify's getHkdfKey. */
	static byte[] derivedKey(BigInteger s, BigInteger u) {
		byte[] prk = hmac(pad(u), pad(s));
		byte[] okm = hmac(prk, DERIVED_KEY_INFO);
		byte[] key = new byte[16];
		System.arraycopy(okm, 0, key, 0, key.length);
		return key;
	}

	/** HMAC-SHA256(key, poolName ‖ user ‖ secretBlock ‖ timestamp): what the client sends as its proof. */
	static byte[] passwordClaimSignature(byte[] key, String poolName, String userIdForSrp, byte[] secretBlock,
			String timestamp) {
		return hmac(key, concat(poolName.getBytes(StandardCharsets.UTF_8),
				userIdForSrp.getBytes(StandardCharsets.UTF_8), secretBlock, timestamp.getBytes(StandardCharsets.UTF_8)));
	}

	/** Minimal big-endian two's complement, the form Amplify's getPaddedHex gives every number it hashes. */
	static byte[] pad(BigInteger n) {
		return n.toByteArray();
	}

	static byte[] randomBytes(int count) {
		byte[] bytes = new byte[count];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

	static byte[] sha256(byte[]... parts) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (byte[] part : parts) {
				digest.update(part);
			}
			return digest.digest();
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	static byte[] hmac(byte[] key, byte[] data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(data);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	private static byte[] concat(byte[]... parts) {
		int length = 0;
		for (byte[] part : parts) {
			length += part.length;
		}
		byte[] all = new byte[length];
		int at = 0;
		for (byte[] part : parts) {
			System.arraycopy(part, 0, all, at, part.length);
			at += part.length;
		}
		return all;
	}

}
