package me.klepp.events;

/**
 * What probing the media found. Images have no duration, frame rate, audio or bitrate, so those are nullable;
 * {@code videoCodec} is null for images too.
 */
public record MediaMetadata(
        Long durationMs,
        int width,
        int height,
        String videoCodec,
        Double fps,
        boolean hasAudio,
        Long bitrate) {
}
