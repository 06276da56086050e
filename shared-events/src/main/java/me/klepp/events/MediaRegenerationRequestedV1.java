package me.klepp.events;

import static me.klepp.events.MissingFieldException.requirePresent;

/**
 * Someone (a moderator, an operator) asked for the derived pictures of uploads to be made again, e.g. after the
 * thumbnail sizes changed. Sent to the thumbnail worker's request queue; the worker answers each file with the
 * usual {@link MediaProcessedV1} or {@link MediaProcessingFailedV1}.
 *
 * <p>With a {@code key}, one object is regenerated. Without one, every object of the bucket whose key starts with
 * {@code prefix} (all of them when it is null) is: the worker lists the bucket a page at a time, asks for each
 * object on its own and sends itself the next page as a new request carrying {@code startAfter}, so every message
 * stays a small, bounded job.
 *
 * @param bucket     the media bucket
 * @param key        the object to regenerate; null for a bulk request
 * @param prefix     bulk only: restricts it to keys starting with this (e.g. {@code alice/}); null for all
 * @param startAfter bulk only: continue after this key (set by the worker for the following page); null to start
 * @param reason     for logs, e.g. "thumbnail sizes changed"
 */
public record MediaRegenerationRequestedV1(String bucket, String key, String prefix, String startAfter, String reason)
        implements KleppEvent {

    public static final String TYPE = "me.klepp.media.regeneration-requested.v1";

    public MediaRegenerationRequestedV1 {
        requirePresent(bucket, "bucket");
        requirePresent(reason, "reason");
        if (key != null && (prefix != null || startAfter != null)) {
            throw new IllegalArgumentException("a request for one key takes no prefix or startAfter");
        }
    }

    /** Regenerate one object. */
    public static MediaRegenerationRequestedV1 one(String bucket, String key, String reason) {
        requirePresent(key, "key");
        return new MediaRegenerationRequestedV1(bucket, key, null, null, reason);
    }

    /** Regenerate every object of the bucket whose key starts with {@code prefix} (null: all of them). */
    public static MediaRegenerationRequestedV1 all(String bucket, String prefix, String reason) {
        return new MediaRegenerationRequestedV1(bucket, null, prefix, null, reason);
    }

    /** Whether this asks for many objects (no {@code key}). Not named {@code isBulk}: it is no field on the wire. */
    public boolean bulk() {
        return key == null;
    }

    /**
     * What one page of a bulk request's listing becomes: a request for each object of it (folder markers, keys
     * ending in {@code /}, are no uploads), then, when more keys follow, the request for the next page.
     *
     * @param keys      the page's keys, in listing order
     * @param truncated whether the listing has more keys after these
     */
    public java.util.List<MediaRegenerationRequestedV1> page(java.util.List<String> keys, boolean truncated) {
        if (!bulk()) {
            throw new IllegalStateException("only bulk requests have pages");
        }
        java.util.List<MediaRegenerationRequestedV1> requests = new java.util.ArrayList<>();
        keys.stream().filter(k -> !k.endsWith("/")).forEach(k -> requests.add(one(bucket, k, reason)));
        if (truncated && !keys.isEmpty()) {
            requests.add(continueAfter(keys.get(keys.size() - 1)));
        }
        return requests;
    }

    /** The request for the page of a bulk request after {@code lastKey}. */
    public MediaRegenerationRequestedV1 continueAfter(String lastKey) {
        if (!bulk()) {
            throw new IllegalStateException("only bulk requests continue");
        }
        return new MediaRegenerationRequestedV1(bucket, null, prefix, lastKey, reason);
    }
}
