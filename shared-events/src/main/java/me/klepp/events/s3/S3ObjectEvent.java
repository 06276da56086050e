package me.klepp.events.s3;

import java.time.Instant;
import java.util.Objects;

/**
 * One record of an S3 event notification.
 *
 * @param eventName without the {@code s3:} prefix, e.g. {@code ObjectCreated:Put}
 * @param key       decoded, usable as is with the S3 API
 * @param size      null for removals
 * @param eTag      null for removals; a multipart upload's ends in {@code -<parts>} and is not an MD5
 * @param versionId null unless the bucket is versioned
 * @param sequencer orders events on the same key only, see {@link S3Sequencers}
 */
public record S3ObjectEvent(
        String eventName,
        Instant eventTime,
        String bucket,
        String key,
        Long size,
        String eTag,
        String versionId,
        String sequencer) {

    public S3ObjectEvent {
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
    }

    public boolean isCreated() {
        return eventName.startsWith("ObjectCreated:");
    }

    public boolean isRemoved() {
        return eventName.startsWith("ObjectRemoved:");
    }
}
