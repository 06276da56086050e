package me.klepp.events;

import static me.klepp.events.MissingFieldException.requirePresent;

/**
 * No web-playable rendition could be made of an uploaded video (it cannot be read, or the transcode failed or ran
 * past its time limit on every attempt). The original stays downloadable.
 *
 * @param reason for people reading the catalog or logs, not for branching on
 */
public record RenditionFailedV1(String bucket, String key, String etag, String reason) implements KleppEvent {

    public static final String TYPE = "me.klepp.media.rendition-failed.v1";

    public RenditionFailedV1 {
        requirePresent(bucket, "bucket");
        requirePresent(key, "key");
        requirePresent(etag, "etag");
        requirePresent(reason, "reason");
    }
}
