package me.klepp.events;

import static me.klepp.events.MissingFieldException.requirePresent;

/**
 * The hover preview of an uploaded clip is in the derived bucket at {@code <key>/preview.mp4}.
 *
 * <p>Its own event, after {@link MediaProcessedV1}, because the preview takes the longest part of a job (about
 * 1.5 s for a 10 MB 1080p60 clip, longer than poster, thumbnail and metadata together): the feed shows the
 * thumbnail as soon as it exists instead of waiting for the preview. Sent only when a preview was made; a clip
 * without one (previews disabled, or none could be made) simply has none, the file is fine.
 *
 * @param etag          which write of {@code key} the preview was made from; a preview of an older write is
 *                      stale
 * @param derivedBucket the bucket the preview is in
 * @param previewKey    {@link DerivedKeys#preview} of {@code key}: a short muted clip (MP4/H.264, index first)
 * @param width         of the preview, in pixels
 * @param height        of the preview, in pixels
 * @param durationMs    of the preview
 */
public record PreviewReadyV1(
        String bucket,
        String key,
        String etag,
        String derivedBucket,
        String previewKey,
        int width,
        int height,
        long durationMs) implements KleppEvent {

    public static final String TYPE = "me.klepp.media.preview-ready.v1";

    public PreviewReadyV1 {
        requirePresent(bucket, "bucket");
        requirePresent(key, "key");
        requirePresent(etag, "etag");
        requirePresent(derivedBucket, "derivedBucket");
        requirePresent(previewKey, "previewKey");
    }
}
