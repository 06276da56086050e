package me.klepp.events;

/**
 * What probing the media found. Images have no duration, frame rate, audio or bitrate, so those are nullable;
 * {@code videoCodec} is null for images too.
 *
 * @param width    as displayed: after the rotation below and the sample aspect ratio are applied
 * @param height   as displayed
 * @param rotation clockwise degrees (0, 90, 180, 270) players turn the stored picture by (phones record portrait
 *                 clips as rotated landscape); already applied to {@code width}, {@code height} and every derived
 *                 picture. Optional (added after the first release of v1): null when the producer did not say.
 */
public record MediaMetadata(
        Long durationMs,
        int width,
        int height,
        String videoCodec,
        Double fps,
        boolean hasAudio,
        Long bitrate,
        Integer rotation) {

    /** The metadata as first released, without rotation. */
    public MediaMetadata(Long durationMs, int width, int height, String videoCodec, Double fps, boolean hasAudio,
            Long bitrate) {
        this(durationMs, width, height, videoCodec, fps, hasAudio, bitrate, null);
    }
}
