package me.klepp.events;

import static me.klepp.events.MissingFieldException.requirePresent;

/**
 * The rendition worker decided how an uploaded video plays in browsers, and made what that takes: the original
 * itself when it is web-safe ({@link #ORIGINAL}, no object written), or an MP4 (H.264 + AAC, index first) in the
 * derived bucket at {@code <key>/playable.mp4}, by copying the streams into a new container ({@link #REMUX}) or by
 * encoding them again ({@link #TRANSCODE}).
 *
 * @param etag            which write of {@code key} the rendition was made from
 * @param decision        {@link #ORIGINAL}, {@link #REMUX} or {@link #TRANSCODE}; a string so a new way does not
 *                        break old readers
 * @param reason          why that decision, for people (e.g. {@code "hevc 10-bit in matroska"})
 * @param renditionBucket null exactly when the decision is {@link #ORIGINAL}
 * @param renditionKey    {@code <key>/playable.mp4}; null exactly when the decision is {@link #ORIGINAL}
 * @param sizeBytes       of the playable file (the original's size for {@link #ORIGINAL})
 * @param width           display width of the playable file, rotation applied
 * @param height          display height of the playable file
 * @param videoCodec      FFmpeg codec name of the playable file's video ({@code h264})
 * @param durationMs      of the playable file; null when unknown
 */
public record RenditionReadyV1(
        String bucket,
        String key,
        String etag,
        String decision,
        String reason,
        String renditionBucket,
        String renditionKey,
        long sizeBytes,
        int width,
        int height,
        String videoCodec,
        Long durationMs) implements KleppEvent {

    public static final String TYPE = "me.klepp.media.rendition-ready.v1";
    public static final String ORIGINAL = "original";
    public static final String REMUX = "remux";
    public static final String TRANSCODE = "transcode";

    public RenditionReadyV1 {
        requirePresent(bucket, "bucket");
        requirePresent(key, "key");
        requirePresent(etag, "etag");
        requirePresent(decision, "decision");
        requirePresent(videoCodec, "videoCodec");
    }
}
