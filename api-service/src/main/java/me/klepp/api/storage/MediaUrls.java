package me.klepp.api.storage;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;

/**
 * URLs a browser loads media from. Every one comes through {@code encodeURI()} unchanged (the published frontend
 * passes {@code thumbnail_uri} through it) and names the object by {@link UrlKeys}, never by a presigned URL,
 * whose {@code %2F} would not survive (ADR 7).
 * <ul>
 * <li>Uploads ({@code uri}): {@code <api>/media/<key>}, which redirects to a presigned GET; it ends with the key, so
 * in {@code .mp4} for MP4s (the frontend filters on that), and never expires, so embeds keep working. Hidden files
 * get {@code <api>/media-signed/<expiry>/<signature>/<key>} instead, which expires ({@code expire_at}).</li>
 * <li>Derived objects (thumbnails, posters, previews): {@code <api>/thumbnails/<key>?v=<version>} and so on, by the
 * upload's key. The version changes when the object does (a regeneration), so browsers and CDNs may cache each URL
 * for good. Hidden files' links carry an expiring signature instead.</li>
 * <li>Avatars: {@code <api>/avatars/<name>?v=<version>}.</li>
 * <li>With a public (CDN) base URL configured, public objects whose keys need no escaping get plain URLs under
 * it; other keys keep the API's URLs, which survive {@code encodeURI()} where a CDN URL of them could not.</li>
 * </ul>
 * The presigned GETs behind the redirects are reused for a quarter of their lifetime, so a browser that follows
 * the same redirect again lands on the same URL and its cache (signing was most of a feed request's CPU time;
 * docs/benchmarks.md).
 */
@Component
public class MediaUrls {

	public static final String MEDIA_PATH = "/media/";

	public static final String AVATARS_PATH = "/avatars/";

	/** A video's web-playable rendition: {@code /playable/<version>/<key>.mp4}, ending in {@code .mp4} as the
	 * published frontend wants, with the version in the path (a query would end the URL otherwise). */
	public static final String PLAYABLE_PATH = "/playable/";

	private static final int MAX_REUSED = 10_000;

	private final S3Properties properties;

	private final S3Presigner presigner;

	private final MediaLinks links;

	private final Map<String, MediaUrl> reusable = new ConcurrentHashMap<>();

	private final Clock clock = Clock.systemUTC();

	MediaUrls(S3Properties properties, S3Presigner presigner, MediaLinks links) {
		this.properties = properties;
		this.presigner = presigner;
		this.links = links;
	}

	/**
	 * An upload's URL.
	 * @param apiBase the API's own base URL as the caller reached it
	 */
	public MediaUrl media(String key, boolean hidden, String apiBase) {
		if (hidden) {
			return links.signed(apiBase, key);
		}
		if (properties.publicMediaUrl() != null && UrlKeys.plain(key)) {
			return new MediaUrl(under(properties.publicMediaUrl(), key), null);
		}
		return new MediaUrl(apiBase + MEDIA_PATH + UrlKeys.encode(key), null);
	}

	/**
	 * A derived object's URL, or {@code null} when there is none (yet).
	 * @param fileKey the key of the upload it was made from
	 * @param processedAt when it was made: part of the version, so a regenerated object gets a new URL
	 */
	public String derived(DerivedKind kind, String fileKey, String derivedKey, OffsetDateTime processedAt,
			boolean hidden, String apiBase) {
		if (derivedKey == null) {
			return null;
		}
		String version = version(derivedKey + "@" + (processedAt == null ? "" : processedAt.toInstant()));
		if (hidden) {
			return links.signedDerived(apiBase, kind, fileKey);
		}
		if (properties.publicDerivedUrl() != null && UrlKeys.plain(derivedKey)) {
			return under(properties.publicDerivedUrl(), derivedKey) + "?v=" + version;
		}
		return apiBase + kind.path + UrlKeys.encode(fileKey) + "?v=" + version;
	}

	/**
	 * The URL a video plays from when the rendition worker made an MP4 of it ({@code <key>/playable.mp4}).
	 * @param renditionEtag the upload version it was made from: part of the version, so a new rendition of an
	 * overwrite gets a new URL
	 */
	public MediaUrl playable(String fileKey, String renditionKey, String renditionEtag, boolean hidden,
			String apiBase) {
		if (hidden) {
			return links.signedPlayable(apiBase, fileKey);
		}
		if (properties.publicDerivedUrl() != null && UrlKeys.plain(renditionKey)) {
			return new MediaUrl(under(properties.publicDerivedUrl(), renditionKey), null);
		}
		return new MediaUrl(apiBase + PLAYABLE_PATH + version(renditionKey + "@" + renditionEtag) + "/"
				+ UrlKeys.encode(fileKey) + ".mp4", null);
	}

	/** A user's picture, or {@code null} when they have none. Avatar keys are new for every picture. */
	public String avatar(String userName, String avatarKey, String apiBase) {
		if (avatarKey == null) {
			return null;
		}
		if (properties.publicDerivedUrl() != null && UrlKeys.plain(avatarKey)) {
			return under(properties.publicDerivedUrl(), avatarKey);
		}
		return apiBase + AVATARS_PATH + UrlKeys.encode(userName) + "?v=" + version(avatarKey);
	}

	/**
	 * A short-lived direct link to an upload, where {@code /media} redirects to. S3 answers it with the given
	 * type and disposition, whatever the object's own metadata says (a file is only ever served as a type klepp
	 * checked it to be).
	 */
	MediaUrl presignedMedia(String key, String contentType, String disposition) {
		return reused(properties.mediaBucket(), key, contentType, disposition);
	}

	/** A short-lived direct link to a derived object, which klepp made itself. */
	MediaUrl presignedDerived(String derivedKey) {
		String type = derivedKey.endsWith(".mp4") ? "video/mp4" : "image/jpeg";
		return reused(properties.derivedBucket(), derivedKey, type, "inline");
	}

	private MediaUrl reused(String bucket, String key, String contentType, String disposition) {
		Duration ttl = properties.downloadUrlTtl();
		Instant stillValidAt = clock.instant().plus(ttl.minus(ttl.dividedBy(4)));
		String id = bucket + '\n' + key + '\n' + contentType + '\n' + disposition;
		MediaUrl known = reusable.get(id);
		if (known != null && known.expiresAt().isAfter(stillValidAt)) {
			return known;
		}
		PresignedGetObjectRequest presigned = presigner.presignGetObject(r -> r.signatureDuration(ttl)
			.getObjectRequest(g -> g.bucket(bucket)
				.key(key)
				.responseContentType(contentType)
				.responseContentDisposition(disposition)));
		MediaUrl fresh = new MediaUrl(presigned.url().toString(), presigned.expiration());
		if (reusable.size() >= MAX_REUSED) {
			reusable.clear();
		}
		reusable.put(id, fresh);
		return fresh;
	}

	private static String under(URI base, String key) {
		return base.toString().replaceAll("/+$", "") + "/" + key;
	}

	private static String version(String of) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(of.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 6);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 unavailable", e);
		}
	}

	/** @param expiresAt when the URL stops working; {@code null} for URLs that do not expire */
	public record MediaUrl(String url, Instant expiresAt) {
	}

	/** The derived objects of an upload, each with its own route. */
	public enum DerivedKind {

		THUMBNAIL("/thumbnails/", "thumbnail_key"), POSTER("/posters/", "poster_key"), PREVIEW("/previews/",
				"preview_key"), PLAYABLE(PLAYABLE_PATH, "rendition_key");

		final String path;

		/** The {@code media_file} column with the object's key. */
		final String column;

		DerivedKind(String path, String column) {
			this.path = path;
			this.column = column;
		}

	}

}
