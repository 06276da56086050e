package me.klepp.thumbnail.media;

/** A short muted clip for hovering in the feed: MP4 (H.264, moov first so it starts playing at once). */
public record Preview(byte[] mp4, int width, int height, long durationMs) {

    @Override
    public boolean equals(Object o) {
        return o instanceof Preview other && java.util.Arrays.equals(mp4, other.mp4) && width == other.width
                && height == other.height && durationMs == other.durationMs;
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(mp4);
    }

    @Override
    public String toString() {
        return "Preview[" + width + "x" + height + ", " + durationMs + " ms, " + mp4.length + " bytes]";
    }
}
