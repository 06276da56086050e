package me.klepp.events;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which objects of the media bucket can be klepp files at all: the one rule the metadata ingestor registers by
 * and the thumbnail worker processes by, so the worker never makes (and leaves behind) pictures of an object the
 * catalog will never list. An object is media when its stored Content-Type is {@code video/*} or {@code image/*},
 * or else when its file name has a video or image extension. Folder markers ({@code x/}) are never media.
 */
public final class MediaKinds {

    private static final Map<String, String> KIND_BY_EXTENSION = Map.ofEntries(
            Map.entry("mp4", MediaProcessedV1.VIDEO), Map.entry("m4v", MediaProcessedV1.VIDEO),
            Map.entry("mov", MediaProcessedV1.VIDEO), Map.entry("webm", MediaProcessedV1.VIDEO),
            Map.entry("mkv", MediaProcessedV1.VIDEO), Map.entry("avi", MediaProcessedV1.VIDEO),
            Map.entry("png", MediaProcessedV1.IMAGE), Map.entry("jpg", MediaProcessedV1.IMAGE),
            Map.entry("jpeg", MediaProcessedV1.IMAGE), Map.entry("gif", MediaProcessedV1.IMAGE),
            Map.entry("webp", MediaProcessedV1.IMAGE));

    private MediaKinds() {
    }

    /**
     * @param key         the object key, decoded
     * @param contentType the object's stored Content-Type; null when it has none
     * @return {@link MediaProcessedV1#VIDEO} or {@link MediaProcessedV1#IMAGE}, or empty when the object can never
     *         be a klepp file
     */
    public static Optional<String> of(String key, String contentType) {
        if (key == null || key.isEmpty() || key.endsWith("/")) {
            return Optional.empty();
        }
        if (contentType != null) {
            String type = contentType.strip().toLowerCase(Locale.ROOT);
            if (type.startsWith("video/")) {
                return Optional.of(MediaProcessedV1.VIDEO);
            }
            if (type.startsWith("image/")) {
                return Optional.of(MediaProcessedV1.IMAGE);
            }
        }
        String fileName = key.substring(key.lastIndexOf('/') + 1);
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? Optional.empty()
                : Optional.ofNullable(KIND_BY_EXTENSION.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }
}
