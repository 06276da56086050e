package me.klepp.ingestor.media;

import java.util.Set;
import java.util.regex.Pattern;

import me.klepp.events.DerivedKeys;
import me.klepp.events.MediaMetadata;
import me.klepp.events.MediaProcessedV1;
import me.klepp.events.MediaProcessingFailedV1;
import me.klepp.events.PreviewReadyV1;
import me.klepp.events.RenditionFailedV1;
import me.klepp.events.RenditionProgressedV1;
import me.klepp.events.RenditionReadyV1;
import me.klepp.ingestor.storage.S3Properties;
import me.klepp.messaging.RejectedMessageException;
import org.springframework.stereotype.Component;

/**
 * What a worker result must be before the catalog believes it. Anyone who can send to the events queue can
 * forge one, and the API serves what the row names: a result about another bucket, derived keys outside the
 * file's own {@code <key>/} (e.g. another user's hidden clip), or impossible numbers is refused with a
 * {@link RejectedMessageException}, which dead-letters it with the reason. That the result is about the current
 * version of the object is checked against the catalog and S3 afterwards ({@link MediaEventListener}).
 */
@Component
class ResultChecks {

	/** One path segment, so that no {@code ..} or second {@code /} can lead out of {@code <key>/}. */
	private static final Pattern DERIVED_NAME = Pattern.compile("[A-Za-z0-9_-]+\\.[a-z0-9]{1,8}");

	private static final Set<Integer> ROTATIONS = Set.of(0, 90, 180, 270);

	private static final int MAX_KEY_LENGTH = 1024;

	private static final int MAX_REASON_LENGTH = 1000;

	private final S3Properties buckets;

	private final ResultLimits limits;

	ResultChecks(S3Properties buckets, ResultLimits limits) {
		this.buckets = buckets;
		this.limits = limits;
	}

	void check(MediaProcessedV1 processed) {
		checkObject(processed.bucket(), processed.key(), processed.etag());
		String key = processed.key();
		require(buckets.derivedBucket().equals(processed.thumbnailBucket()),
				"thumbnail_bucket " + processed.thumbnailBucket() + " is not the derived bucket");
		require(MediaProcessedV1.VIDEO.equals(processed.kind()) || MediaProcessedV1.IMAGE.equals(processed.kind()),
				"kind " + processed.kind() + " is neither video nor image");
		require(processed.sizeBytes() == null || processed.sizeBytes() >= 0, "size_bytes is negative");
		derivedKey(key, processed.thumbnailKey(), "thumbnail_key");
		side(processed.thumbnailWidth(), "thumbnail_width");
		side(processed.thumbnailHeight(), "thumbnail_height");
		boolean poster = processed.posterKey() != null;
		require(poster == (processed.posterWidth() != null) && poster == (processed.posterHeight() != null),
				"poster_width and poster_height must come exactly with poster_key");
		if (poster) {
			derivedKey(key, processed.posterKey(), "poster_key");
			side(processed.posterWidth(), "poster_width");
			side(processed.posterHeight(), "poster_height");
		}
		if (processed.previewKey() != null) {
			derivedKey(key, processed.previewKey(), "preview_key");
		}
		metadata(processed.metadata());
	}

	void check(PreviewReadyV1 ready) {
		checkObject(ready.bucket(), ready.key(), ready.etag());
		require(buckets.derivedBucket().equals(ready.derivedBucket()),
				"derived_bucket " + ready.derivedBucket() + " is not the derived bucket");
		require(DerivedKeys.preview(ready.key()).equals(ready.previewKey()),
				"preview_key " + ready.previewKey() + " is not " + DerivedKeys.preview(ready.key()));
		side(ready.width(), "width");
		side(ready.height(), "height");
		require(ready.durationMs() >= 0 && ready.durationMs() <= limits.maxDuration().toMillis(),
				"duration_ms " + ready.durationMs() + " is not between 0 and " + limits.maxDuration().toMillis());
	}

	void check(RenditionReadyV1 ready) {
		checkObject(ready.bucket(), ready.key(), ready.etag());
		boolean original = RenditionReadyV1.ORIGINAL.equals(ready.decision());
		require(original || RenditionReadyV1.REMUX.equals(ready.decision())
				|| RenditionReadyV1.TRANSCODE.equals(ready.decision()),
				"decision " + ready.decision() + " is neither original, remux nor transcode");
		if (original) {
			require(ready.renditionBucket() == null && ready.renditionKey() == null,
					"an original needs no rendition_bucket or rendition_key");
		}
		else {
			require(buckets.derivedBucket().equals(ready.renditionBucket()),
					"rendition_bucket " + ready.renditionBucket() + " is not the derived bucket");
			require(DerivedKeys.playable(ready.key()).equals(ready.renditionKey()),
					"rendition_key " + ready.renditionKey() + " is not " + DerivedKeys.playable(ready.key()));
		}
		require(ready.sizeBytes() >= 0, "size_bytes is negative");
		side(ready.width(), "width");
		side(ready.height(), "height");
		require(ready.durationMs() == null || ready.durationMs() >= 0, "duration_ms is negative");
	}

	/** @return the reason, as the catalog stores it */
	void check(RenditionProgressedV1 progressed) {
		checkObject(progressed.bucket(), progressed.key(), progressed.etag());
	}

	String check(RenditionFailedV1 failed) {
		return check(new MediaProcessingFailedV1(failed.bucket(), failed.key(), failed.etag(), failed.reason()));
	}

	/** @return the reason, as the catalog stores it */
	String check(MediaProcessingFailedV1 failed) {
		checkObject(failed.bucket(), failed.key(), failed.etag());
		String reason = failed.reason().strip();
		require(!reason.isEmpty(), "reason is blank");
		return reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) : reason;
	}

	private void checkObject(String bucket, String key, String etag) {
		require(buckets.mediaBucket().equals(bucket), "bucket " + bucket + " is not the media bucket");
		require(!key.isBlank() && key.length() <= MAX_KEY_LENGTH && !key.endsWith("/"),
				"key is not an object key of an upload");
		require(!etag.isBlank() && etag.length() <= 100, "etag is not an ETag");
	}

	private void metadata(MediaMetadata media) {
		side(media.width(), "metadata.width");
		side(media.height(), "metadata.height");
		require((long) media.width() * media.height() <= limits.maxPixels(),
				"metadata.width x height is over " + limits.maxPixels() + " pixels");
		require(media.durationMs() == null
				|| (media.durationMs() >= 0 && media.durationMs() <= limits.maxDuration().toMillis()),
				"metadata.duration_ms " + media.durationMs() + " is not between 0 and " + limits.maxDuration().toMillis());
		require(media.fps() == null || (Double.isFinite(media.fps()) && media.fps() >= 0 && media.fps() <= 1000),
				"metadata.fps " + media.fps() + " is not between 0 and 1000");
		require(media.bitrate() == null || media.bitrate() >= 0, "metadata.bitrate is negative");
		require(media.rotation() == null || ROTATIONS.contains(media.rotation()),
				"metadata.rotation " + media.rotation() + " is not 0, 90, 180 or 270");
		require(media.videoCodec() == null || (media.videoCodec().length() <= 64 && !media.videoCodec().isBlank()),
				"metadata.video_codec is not a codec name");
	}

	private void side(int pixels, String field) {
		require(pixels >= 1 && pixels <= limits.maxSide(),
				field + " " + pixels + " is not between 1 and " + limits.maxSide());
	}

	private static void derivedKey(String key, String derived, String field) {
		require(derived.startsWith(key + "/") && DERIVED_NAME.matcher(derived.substring(key.length() + 1)).matches(),
				field + " " + derived + " is not an object of this file (" + key + "/<name>)");
	}

	private static void require(boolean condition, String reason) {
		if (!condition) {
			throw new RejectedMessageException("refused worker result: " + reason);
		}
	}

}
