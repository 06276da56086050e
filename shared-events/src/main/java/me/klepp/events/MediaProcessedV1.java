package me.klepp.events;

import static me.klepp.events.MissingFieldException.requirePresent;

/**
 * An uploaded clip or screenshot was probed and got its thumbnail.
 *
 * @param etag      identifies which write of {@code key} was processed; a later upload to the same key has another
 * @param sizeBytes null when the producer did not learn it
 * @param kind      {@link #VIDEO} or {@link #IMAGE}; kept a string so a new kind does not break old readers
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
        MediaMetadata metadata) implements KleppEvent {

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
}
