package me.klepp.api.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Signed, expiring links to hidden files: {@code /media-signed/<expiry>/<signature>/<key>}, and
 * {@code /thumbnails/<key>?exp=<expiry>&sig=<signature>} (posters, previews alike) for what was made from them.
 * The signature is an HMAC of expiry and key (and the kind of derived object) under
 * {@code klepp.media.link-secret}, so only the API can mint them. Expiry times are rounded up to a quarter of the
 * link lifetime, so the same link is handed out for a while and browsers can cache what it loads.
 */
@Component
public class MediaLinks {

	public static final String SIGNED_PATH = "/media-signed/";

	public static final String SIGNED_PLAYABLE_PATH = "/playable-signed/";

	private static final Logger log = LoggerFactory.getLogger(MediaLinks.class);

	private final byte[] secret;

	private final S3Properties properties;

	private final Clock clock = Clock.systemUTC();

	MediaLinks(MediaLinkProperties link, S3Properties properties) {
		this.properties = properties;
		if (link.secret() == null || link.secret().isBlank()) {
			log.warn("klepp.media.link-secret is not set: links to hidden files stop working when this process "
					+ "restarts and differ between instances; set KLEPP_MEDIA_LINK_SECRET");
			this.secret = new byte[32];
			new SecureRandom().nextBytes(secret);
		}
		else {
			this.secret = link.secret().getBytes(StandardCharsets.UTF_8);
		}
	}

	MediaUrls.MediaUrl signed(String apiBase, String key) {
		Instant expires = expiry();
		long epoch = expires.getEpochSecond();
		return new MediaUrls.MediaUrl(apiBase + SIGNED_PATH + epoch + "/" + signature(epoch, key) + "/"
				+ UrlKeys.encode(key), expires);
	}

	String signedDerived(String apiBase, MediaUrls.DerivedKind kind, String fileKey) {
		long epoch = expiry().getEpochSecond();
		return apiBase + kind.path + UrlKeys.encode(fileKey) + "?exp=" + epoch + "&sig="
				+ hmac(kind.name() + "/" + epoch + "/" + fileKey);
	}

	/** {@code /playable-signed/<expiry>/<signature>/<key>.mp4}: ends in {@code .mp4}, as the frontend wants. */
	MediaUrls.MediaUrl signedPlayable(String apiBase, String fileKey) {
		Instant expires = expiry();
		long epoch = expires.getEpochSecond();
		return new MediaUrls.MediaUrl(apiBase + SIGNED_PLAYABLE_PATH + epoch + "/"
				+ hmac(MediaUrls.DerivedKind.PLAYABLE.name() + "/" + epoch + "/" + fileKey) + "/" + UrlKeys.encode(fileKey)
				+ ".mp4", expires);
	}

	boolean validDerived(MediaUrls.DerivedKind kind, long expiresEpochSecond, String signature, String fileKey) {
		return clock.instant().getEpochSecond() <= expiresEpochSecond && MessageDigest.isEqual(
				hmac(kind.name() + "/" + expiresEpochSecond + "/" + fileKey).getBytes(StandardCharsets.US_ASCII),
				signature.getBytes(StandardCharsets.US_ASCII));
	}

	private Instant expiry() {
		long quarter = Math.max(1, properties.downloadUrlTtl().toSeconds() / 4);
		long earliest = clock.instant().plus(properties.downloadUrlTtl()).getEpochSecond();
		return Instant.ofEpochSecond((earliest + quarter - 1) / quarter * quarter);
	}

	public boolean valid(long expiresEpochSecond, String signature, String key) {
		if (clock.instant().getEpochSecond() > expiresEpochSecond) {
			return false;
		}
		return MessageDigest.isEqual(signature(expiresEpochSecond, key).getBytes(StandardCharsets.US_ASCII),
				signature.getBytes(StandardCharsets.US_ASCII));
	}

	/** A signature that binds {@code purpose} and {@code key}, for links that never expire. */
	public String sign(String purpose, String key) {
		return hmac(purpose + "/" + key);
	}

	public boolean verify(String purpose, String key, String signature) {
		return MessageDigest.isEqual(sign(purpose, key).getBytes(StandardCharsets.US_ASCII),
				signature.getBytes(StandardCharsets.US_ASCII));
	}

	private String signature(long expires, String key) {
		return hmac(expires + "/" + key);
	}

	private String hmac(String message) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret, "HmacSHA256"));
			byte[] digest = mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (java.security.GeneralSecurityException e) {
			throw new IllegalStateException("HmacSHA256 unavailable", e);
		}
	}

}
