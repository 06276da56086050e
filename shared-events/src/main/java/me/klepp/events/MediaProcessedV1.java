package me.klepp.events;

import static me.klepp.events.MissingFieldException.requirePresent;

/**
 * An uploaded clip or screenshot was probed and got its thumbnail.
 *
 * <p>The poster and preview fields were added after the first release of v1. They are optional, so events of
 * older producers (without them) still decode, and older readers ignore them.
 *
 * <p>The worker sends this as soon as the poster, the thumbnail and the metadata exist, before it makes a clip's
 * hover preview, which follows as its own {@link PreviewReadyV1}: so {@code previewKey} is normally null, and a
 * null says nothing about the preview. Workers from before that split still send the preview here, after making
 * it; readers keep accepting it.
 *
 * @param etag          identifies which write of {@code key} was processed; a later upload to the same key has another
 * @param sizeBytes     null when the producer did not learn it
 * @param kind          {@link #VIDEO} or {@link #IMAGE}; kept a string so a new kind does not break old readers
 * @param thumbnailKey  the feed thumbnail (JPEG), in {@code thumbnailBucket}
 * @param posterKey     a larger picture of the same frame (JPEG, for the player and link previews), in
 *                      {@code thumbnailBucket}; null from producers that make none
 * @param posterWidth   null exactly when {@code posterKey} is
 * @param posterHeight  null exactly when {@code posterKey} is
 * @param previewKey    a short muted clip for hovering in the feed (MP4/H.264), in {@code thumbnailBucket}; sent
 *                      only by older workers (current ones send {@link PreviewReadyV1}), null otherwise
 */
public record MediaProcessedV1(
        String bucket,
        String key,
        String etag,
        Long sizeBytes,
        String kind,
        String thumbnailBucket,
        String thumbnailKey,
        int thumbnailWidth,
        int thumbnailHeight,
        MediaMetadata metadata,
        String posterKey,
        Integer posterWidth,
        Integer posterHeight,
        String previewKey) implements KleppEvent {

    public static final String TYPE = "me.klepp.media.processed.v1";
    public static final String VIDEO = "video";
    public static final String IMAGE = "image";

    public MediaProcessedV1 {
        requirePresent(bucket, "bucket");
        requirePresent(key, "key");
        requirePresent(etag, "etag");
        requirePresent(kind, "kind");
        requirePresent(thumbnailBucket, "thumbnailBucket");
        requirePresent(thumbnailKey, "thumbnailKey");
        requirePresent(metadata, "metadata");
    }

    /** The event as first released: a thumbnail and metadata, no poster or preview. */
    public MediaProcessedV1(String bucket, String key, String etag, Long sizeBytes, String kind, String thumbnailBucket,
            String thumbnailKey, int thumbnailWidth, int thumbnailHeight, MediaMetadata metadata) {
        this(bucket, key, etag, sizeBytes, kind, thumbnailBucket, thumbnailKey, thumbnailWidth, thumbnailHeight,
                metadata, null, null, null, null);
    }
}
