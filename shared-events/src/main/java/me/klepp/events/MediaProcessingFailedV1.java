package me.klepp.events;

import static me.klepp.events.MissingFieldException.requirePresent;

/**
 * An upload could not be processed (not media, corrupt, too large, …) and will not be retried.
 *
 * @param reason for people reading the catalog or logs, not for branching on
 */
public record MediaProcessingFailedV1(String bucket, String key, String etag, String reason) implements KleppEvent {

    public static final String TYPE = "me.klepp.media.processing-failed.v1";

    public MediaProcessingFailedV1 {
        requirePresent(bucket, "bucket");
        requirePresent(key, "key");
        requirePresent(etag, "etag");
        requirePresent(reason, "reason");
    }
}
