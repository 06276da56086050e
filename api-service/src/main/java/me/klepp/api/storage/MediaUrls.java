package me.klepp.api.storage;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;

/**
 * URLs a browser can load media from.
 * <ul>
 * <li>Uploads: under the public base URL when one is configured (a CDN or public bucket); otherwise a link to
 * the API's own {@code /media/<key>}, which redirects to a fresh presigned GET. Either way the URL ends with the
 * key, so it ends in {@code .mp4} for MP4s (the frontend filters on that), and a public clip's URL never expires
 * (embeds keep working). Hidden files get a signed link that expires instead ({@code expire_at}).</li>
 * <li>Derived objects (thumbnails, avatars): public base URL or a presigned GET. A presigned one is reused for a
 * quarter of its lifetime, so one feed page does not sign the same avatar many times, pages do not sign every
 * thumbnail again, and browsers can cache what they loaded (signing was most of a feed request's CPU time;
 * docs/benchmarks.md). Derived keys are never reused for other content, except a regenerated thumbnail, which a
 * public base URL would not change either.</li>
 * </ul>
 */
@Component
public class MediaUrls {

	private final S3Properties properties;

	private final S3Presigner presigner;

	private final MediaLinks links;

	private static final int MAX_REUSED = 10_000;

	private final Map<String, MediaUrl> reusable = new ConcurrentHashMap<>();

	private final Clock clock = Clock.systemUTC();

	MediaUrls(S3Properties properties, S3Presigner presigner, MediaLinks links) {
		this.properties = properties;
		this.presigner = presigner;
		this.links = links;
	}

	/** @param apiBase the API's own base URL as the caller reached it */
	public MediaUrl media(String key, boolean hidden, String apiBase) {
		if (properties.publicMediaUrl() != null && !hidden) {
			return new MediaUrl(publicUrl(properties.publicMediaUrl(), key), null);
		}
		return hidden ? links.signed(apiBase, key) : new MediaUrl(apiBase + MediaLinks.PUBLIC_PATH + S3Keys.encodePath(key), null);
	}

	public MediaUrl derived(String key) {
		if (key == null) {
			return null;
		}
		if (properties.publicDerivedUrl() != null) {
			return new MediaUrl(publicUrl(properties.publicDerivedUrl(), key), null);
		}
		Duration ttl = properties.downloadUrlTtl();
		Instant stillValidAt = clock.instant().plus(ttl.minus(ttl.dividedBy(4)));
		MediaUrl known = reusable.get(key);
		if (known != null && known.expiresAt().isAfter(stillValidAt)) {
			return known;
		}
		MediaUrl fresh = presigned(properties.derivedBucket(), key);
		if (reusable.size() >= MAX_REUSED) {
			reusable.clear();
		}
		reusable.put(key, fresh);
		return fresh;
	}

	/** A short-lived direct link to an upload, where {@code /media} redirects to. */
	public MediaUrl presignedMedia(String key) {
		return presigned(properties.mediaBucket(), key);
	}

	private MediaUrl presigned(String bucket, String key) {
		PresignedGetObjectRequest presigned = presigner.presignGetObject(r -> r
			.signatureDuration(properties.downloadUrlTtl())
			.getObjectRequest(g -> g.bucket(bucket).key(key)));
		return new MediaUrl(presigned.url().toString(), presigned.expiration());
	}

	private static String publicUrl(URI base, String key) {
		return base.toString().replaceAll("/+$", "") + "/" + S3Keys.encodePath(key);
	}

	/** @param expiresAt when the URL stops working; {@code null} for URLs that do not expire */
	public record MediaUrl(String url, Instant expiresAt) {
	}

}
