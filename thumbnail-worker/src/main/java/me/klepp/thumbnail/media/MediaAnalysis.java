package me.klepp.thumbnail.media;

import java.util.Objects;

/**
 * What {@link MediaAnalyzer} found out about a clip or a screenshot, and the pictures it made of it.
 *
 * @param kind             {@link #KIND_VIDEO} or {@link #KIND_IMAGE}
 * @param durationMs       container duration in milliseconds; null for images and when unknown
 * @param width            display width in pixels (sample aspect ratio and rotation metadata applied)
 * @param height           display height in pixels
 * @param videoCodec       FFmpeg codec name of the picture stream, e.g. {@code h264}, {@code hevc}, {@code vp9},
 *                         {@code av1}, {@code png}, {@code mjpeg} (JPEG), {@code gif}, {@code webp}
 * @param fps              average frame rate (3 decimals); null for images and when unknown
 * @param hasAudio         whether the file has an audio stream
 * @param bitrate          overall bit rate in bits/s when known; null for images and when unknown
 * @param rotation         clockwise degrees (0, 90, 180, 270) the stored picture is turned by for display; applied
 *                         to {@code width}, {@code height} and the pictures
 * @param poster           the representative frame (or the picture, or an animation's first frame), at most the
 *                         poster width and never upscaled
 * @param thumbnail        the same picture at most the thumbnail width
 * @param frameTimestampUs where in the clip the poster was taken (microseconds); -1 for images
 * @param container        FFmpeg's names of the container format, comma-separated, e.g.
 *                         {@code mov,mp4,m4a,3gp,3g2,mj2}, {@code matroska,webm}, {@code png_pipe}
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
        int rotation,
        Still poster,
        Still thumbnail,
        long frameTimestampUs,
        String container) {

    public static final String KIND_VIDEO = "video";
    public static final String KIND_IMAGE = "image";

    public MediaAnalysis {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(poster, "poster");
        Objects.requireNonNull(thumbnail, "thumbnail");
    }

    public boolean isVideo() {
        return KIND_VIDEO.equals(kind);
    }

    public boolean isImage() {
        return KIND_IMAGE.equals(kind);
    }
}
