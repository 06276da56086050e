package me.klepp.devstack.userpool;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of a user-pool SRP sign-in, written from the formulas Amplify's AuthenticationHelper uses
 * (frontend.md B2), independently of {@link Srp}: what a browser computes from the password and the challenge.
 */
final class SrpClient {

	static final BigInteger N = new BigInteger("FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1"
			+ "29024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245"
			+ "E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3D"
			+ "C2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D"
			+ "670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9"
			+ "DE2BCBF6955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64"
			+ "ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6B"
			+ "F12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB31"
			+ "43DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF", 16);

	static final BigInteger G = BigInteger.valueOf(2);

	private final String poolName;

	private final BigInteger a;

	final BigInteger publicA;

	SrpClient(String poolName) {
		this.poolName = poolName;
		byte[] random = new byte[128];
		new SecureRandom().nextBytes(random);
		this.a = new BigInteger(1, random);
		this.publicA = G.modPow(a, N);
	}

	/** SRP_A as Amplify sends it: lowercase hex, no padding. */
	String srpA() {
		return publicA.toString(16);
	}

	/** The 16-byte key from the password and the challenge's SALT and SRP_B (hex). */
	byte[] key(String userIdForSrp, String password, String saltHex, String srpBHex) {
		BigInteger b = new BigInteger(srpBHex, 16);
		BigInteger salt = new BigInteger(saltHex, 16);
		BigInteger k = new BigInteger(1, sha256(N.toByteArray(), G.toByteArray()));
		BigInteger u = new BigInteger(1, sha256(publicA.toByteArray(), b.toByteArray()));
		BigInteger x = new BigInteger(1, sha256(salt.toByteArray(),
				sha256((poolName + userIdForSrp + ":" + password).getBytes(StandardCharsets.UTF_8))));
		BigInteger s = b.subtract(k.multiply(G.modPow(x, N))).mod(N).modPow(a.add(u.multiply(x)), N);
		byte[] prk = hmac(u.toByteArray(), s.toByteArray());
		byte[] okm = hmac(prk, "Caldera Derived Key\u0001".getBytes(StandardCharsets.UTF_8));
		byte[] key = new byte[16];
		System.arraycopy(okm, 0, key, 0, 16);
		return key;
	}

	/** PASSWORD_CLAIM_SIGNATURE: padded standard Base64 of the HMAC. */
	String signature(byte[] key, String userIdForSrp, String secretBlock, String timestamp) {
		byte[] block = Base64.getDecoder().decode(secretBlock);
		byte[] pool = poolName.getBytes(StandardCharsets.UTF_8);
		byte[] user = userIdForSrp.getBytes(StandardCharsets.UTF_8);
		byte[] time = timestamp.getBytes(StandardCharsets.UTF_8);
		byte[] message = new byte[pool.length + user.length + block.length + time.length];
		System.arraycopy(pool, 0, message, 0, pool.length);
		System.arraycopy(user, 0, message, pool.length, user.length);
		System.arraycopy(block, 0, message, pool.length + user.length, block.length);
		System.arraycopy(time, 0, message, pool.length + user.length + block.length, time.length);
		return Base64.getEncoder().encodeToString(hmac(key, message));
	}

	private static byte[] sha256(byte[]... parts) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (byte[] part : parts) {
				digest.update(part);
			}
			return digest.digest();
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	private static byte[] hmac(byte[] key, byte[] data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(data);
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

}
