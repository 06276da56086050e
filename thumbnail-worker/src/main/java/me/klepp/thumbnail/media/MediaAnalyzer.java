package me.klepp.thumbnail.media;

import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the metadata of a clip or screenshot with FFmpeg (JavaCV) and makes a poster and a feed thumbnail of a
 * representative picture ({@link FrameSearch}). Stateless and thread-safe: every {@link #analyze} call opens and
 * releases its own native resources.
 *
 * <p>The source is read at the positions FFmpeg asks for (the index, a few keyframes), never whole. Pictures are
 * decoded straight at the poster size (FFmpeg scales while converting), turned upright as players would show them,
 * and the thumbnail is scaled from the poster.
 */
public final class MediaAnalyzer {

    /**
     * Threads within a frame only (slices, HEVC's wavefronts): single keyframes are decoded here, and FFmpeg's frame
     * threads would make the decoder read and decode further frames before it hands out the first one after a seek.
     */
    private static final Map<String, String> DECODER_OPTIONS = Map.of("thread_type", "slice");

    private final int posterMaxWidth;
    private final int thumbnailMaxWidth;
    private final Limits limits;

    /**
     * @param posterMaxWidth    widest poster, in pixels; smaller pictures are not upscaled
     * @param thumbnailMaxWidth widest feed thumbnail, in pixels; at most {@code posterMaxWidth}
     */
    public MediaAnalyzer(int posterMaxWidth, int thumbnailMaxWidth, Limits limits) {
        if (thumbnailMaxWidth < 1 || posterMaxWidth < thumbnailMaxWidth) {
            throw new IllegalArgumentException("need 0 < thumbnail width <= poster width: " + thumbnailMaxWidth
                    + ", " + posterMaxWidth);
        }
        this.posterMaxWidth = posterMaxWidth;
        this.thumbnailMaxWidth = thumbnailMaxWidth;
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * @throws MediaAnalysisException with a readable reason when the source is empty, not media, has no
     *                                video/picture stream, is truncated/corrupt or beyond the limits (permanent), or
     *                                could not be read in time (retryable)
     */
    public MediaAnalysis analyze(MediaSource source, Deadline deadline) throws MediaAnalysisException {
        try (OpenMedia media = OpenMedia.open(source, deadline, limits, DECODER_OPTIONS)) {
            Long durationMs = media.image ? null : media.durationMs();
            if (durationMs != null && durationMs > limits.maxDuration().toMillis()) {
                throw new MediaAnalysisException("clip too long: " + durationMs / 1000 + " s is more than "
                        + limits.maxDuration().toSeconds() + " s");
            }
            int posterWidth = Math.min(posterMaxWidth, media.displayWidth);
            int posterHeight = heightFor(posterWidth, media);
            int thumbWidth = Math.min(thumbnailMaxWidth, media.displayWidth);
            int thumbHeight = heightFor(thumbWidth, media);
            media.decodeAt(posterWidth, posterHeight);

            FrameSearch.Candidate chosen = media.image ? FrameSearch.first(media)
                    : FrameSearch.representative(media, deadline);
            MediaAnalysisException readFailed = media.readFailure("choosing a frame");
            if (readFailed != null) {
                throw readFailed; // some points may have been missed for that: not the file's fault, try again
            }
            BufferedImage poster = Pictures.rotateClockwise(chosen.image(), media.rotation);
            BufferedImage thumbnail = Pictures.scaleDown(poster, thumbWidth, thumbHeight);
            Still posterStill = new Still(Pictures.jpeg(poster), poster.getWidth(), poster.getHeight());
            Still thumbStill = new Still(Pictures.jpeg(thumbnail), thumbnail.getWidth(), thumbnail.getHeight());

            String codec = media.codecName();
            if (media.image) {
                return new MediaAnalysis(MediaAnalysis.KIND_IMAGE, null, media.displayWidth, media.displayHeight,
                        codec, null, media.grabber.hasAudio(), null, media.rotation, posterStill, thumbStill, -1,
                        media.containerFormat());
            }
            return new MediaAnalysis(MediaAnalysis.KIND_VIDEO, durationMs, media.displayWidth, media.displayHeight,
                    codec, media.fps(), media.grabber.hasAudio(), media.bitrate(), media.rotation, posterStill,
                    thumbStill, chosen.timestampUs(), media.containerFormat());
        }
    }

    private static int heightFor(int width, OpenMedia media) {
        return Math.max(1, (int) Math.round((double) width * media.displayHeight / media.displayWidth));
    }
}
