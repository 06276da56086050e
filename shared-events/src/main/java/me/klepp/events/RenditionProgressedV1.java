package me.klepp.events;

import static me.klepp.events.MissingFieldException.requirePresent;

/**
 * A transcode of an uploaded video got further: how much of the clip is done, for the owner waiting for it to
 * play. Sent now and then while the rendition worker works (every tenth or so, at most every few seconds); a lost
 * or late one changes nothing that matters, and the result ({@link RenditionReadyV1} or {@link RenditionFailedV1})
 * ends it.
 *
 * @param etag    which write of {@code key} is being transcoded
 * @param percent of the clip's duration encoded, 0 to 100
 */
public record RenditionProgressedV1(String bucket, String key, String etag, int percent) implements KleppEvent {

    public static final String TYPE = "me.klepp.media.rendition-progressed.v1";

    public RenditionProgressedV1 {
        requirePresent(bucket, "bucket");
        requirePresent(key, "key");
        requirePresent(etag, "etag");
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be 0 to 100, not " + percent);
        }
    }
}
