package me.klepp.thumbnail.media;

import java.util.Arrays;
import java.util.Objects;

/**
 * What {@link MediaAnalyzer} found out about a clip or a screenshot.
 *
 * @param kind            {@link #KIND_VIDEO} or {@link #KIND_IMAGE}
 * @param durationMs      container duration in milliseconds; null for images and when unknown
 * @param width           display width in pixels (sample aspect ratio and rotation metadata applied)
 * @param height          display height in pixels
 * @param videoCodec      FFmpeg codec name of the picture stream, e.g. {@code h264}, {@code hevc}, {@code vp9},
 *                        {@code av1}, {@code png}, {@code mjpeg} (JPEG), {@code gif}, {@code webp}
 * @param fps             average frame rate (3 decimals); null for images and when unknown
 * @param hasAudio        whether the file has an audio stream
 * @param bitrate         overall bit rate in bits/s when known; null for images and when unknown
 * @param thumbnailJpeg   JPEG bytes of the thumbnail (a representative frame for videos, the picture or the
 *                        first frame of an animation for images)
 * @param thumbnailWidth  thumbnail width, at most the analyzer's maximum and never more than {@code width}
 * @param thumbnailHeight thumbnail height, aspect ratio of {@code width}x{@code height} kept
 */
public record MediaAnalysis(
        String kind,
        Long durationMs,
        int width,
        int height,
        String videoCodec,
        Double fps,
        boolean hasAudio,
        Long bitrate,
        byte[] thumbnailJpeg,
        int thumbnailWidth,
        int thumbnailHeight) {

    public static final String KIND_VIDEO = "video";
    public static final String KIND_IMAGE = "image";

    public MediaAnalysis {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(thumbnailJpeg, "thumbnailJpeg");
    }

    public boolean isVideo() {
        return KIND_VIDEO.equals(kind);
    }

    public boolean isImage() {
        return KIND_IMAGE.equals(kind);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediaAnalysis other
                && kind.equals(other.kind)
                && Objects.equals(durationMs, other.durationMs)
                && width == other.width
                && height == other.height
                && Objects.equals(videoCodec, other.videoCodec)
                && Objects.equals(fps, other.fps)
                && hasAudio == other.hasAudio
                && Objects.equals(bitrate, other.bitrate)
                && Arrays.equals(thumbnailJpeg, other.thumbnailJpeg)
                && thumbnailWidth == other.thumbnailWidth
                && thumbnailHeight == other.thumbnailHeight;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, durationMs, width, height, videoCodec, fps, hasAudio, bitrate,
                Arrays.hashCode(thumbnailJpeg), thumbnailWidth, thumbnailHeight);
    }

    @Override
    public String toString() {
        return "MediaAnalysis[kind=" + kind + ", durationMs=" + durationMs + ", width=" + width + ", height=" + height
                + ", videoCodec=" + videoCodec + ", fps=" + fps + ", hasAudio=" + hasAudio + ", bitrate=" + bitrate
                + ", thumbnailJpeg=" + thumbnailJpeg.length + " bytes, thumbnail=" + thumbnailWidth + "x"
                + thumbnailHeight + "]";
    }
}
