package me.klepp.thumbnail.media;

import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.Set;
import org.bytedeco.javacv.Frame;

/**
 * Picks a representative picture of a clip without decoding it whole.
 *
 * <p>First the keyframes at or before a few points of the clip are compared: seeking to a keyframe and decoding
 * that one frame is all each costs (FFmpeg's own {@code -ss} decodes on from the keyframe to the exact time).
 * Near-black, near-white and flat pictures are rejected, the most detailed remaining one wins. Only when that
 * finds nothing usable (a black intro longer than the first keyframes) or compares a single keyframe (a clip
 * that is one long group of pictures) are frames decoded at exact points further into the clip; the best of the
 * poor ones is taken when everything is poor (an all-black clip).
 */
final class FrameSearch {

    /** Where keyframes are looked for, as fractions of the duration. */
    private static final double[] KEYFRAME_POINTS = {0.25, 0.5, 0.75};

    /** Where frames are decoded exactly when the keyframes give nothing usable. */
    private static final double[] EXACT_POINTS = {0.1, 0.3, 0.5, 0.7, 0.85, 0.95};

    /** Most frames decoded after a keyframe to reach an exact point. */
    private static final int MAX_FRAMES_PER_POINT = 300;

    /** Without a known duration: decode at most this many frames from the start, sampling every few. */
    private static final int SEQUENTIAL_MAX_FRAMES = 300;
    private static final int SEQUENTIAL_STEP = 12;

    private FrameSearch() {
    }

    record Candidate(long timestampUs, FrameStats stats, BufferedImage image) {
    }

    /** The first picture: a still image, or an animation's first frame. */
    static Candidate first(OpenMedia media) throws MediaAnalysisException {
        Candidate first = candidate(media.grabImage());
        if (first == null) {
            MediaAnalysisException readFailed = media.readFailure("decoding the picture");
            throw readFailed != null ? readFailed
                    : new MediaAnalysisException("no decodable picture (corrupt or truncated image)");
        }
        return first;
    }

    static Candidate representative(OpenMedia media, Deadline deadline) throws MediaAnalysisException {
        long span = media.spanUs();
        if (span <= 0) {
            return sequential(media, deadline);
        }
        Search search = new Search();
        int tried = 0;
        int missed = 0;
        for (double f : KEYFRAME_POINTS) {
            deadline.check("choosing a frame");
            tried++;
            Candidate c = media.seekKeyframe((long) (span * f)) ? candidate(media.grabImage()) : null;
            if (c == null) {
                missed++;
            }
            search.offer(c);
        }
        // A clip whose index promises more than can be decoded was cut off (or is damaged) in the middle.
        if (search.decoded == 0 || missed * 2 > tried) {
            MediaAnalysisException readFailed = media.readFailure("choosing a frame");
            throw readFailed != null ? readFailed : new MediaAnalysisException("truncated or corrupt video: only "
                    + search.decoded + " of " + tried + " sample points could be decoded");
        }
        if (search.bestAcceptable == null || search.distinct() < 2) {
            long frameUs = media.frameDurationUs();
            int missedExactly = 0;
            for (double f : EXACT_POINTS) {
                deadline.check("choosing a frame");
                Candidate c = exactly(media, (long) (span * f), frameUs, deadline);
                if (c == null) {
                    missedExactly++;
                }
                search.offer(c);
            }
            // A streamable file (WebM, MKV) cut short: every seek lands on its last keyframe, and decoding on from
            // there ends before the points the duration in its header promises.
            if (missedExactly * 2 > EXACT_POINTS.length) {
                MediaAnalysisException readFailed = media.readFailure("choosing a frame");
                throw readFailed != null ? readFailed : new MediaAnalysisException("truncated or corrupt video: "
                        + "only " + (EXACT_POINTS.length - missedExactly) + " of " + EXACT_POINTS.length
                        + " points of its duration could be decoded");
            }
        }
        return search.result();
    }

    /**
     * Decodes from the keyframe before {@code timestampUs} up to it, or as far as the frame budget allows; null when
     * the video ends (or cannot be decoded) before it.
     */
    private static Candidate exactly(OpenMedia media, long timestampUs, long frameUs, Deadline deadline) {
        if (!media.seekKeyframe(timestampUs)) {
            return null;
        }
        Frame frame = null;
        for (int i = 0; i < MAX_FRAMES_PER_POINT && !deadline.passed(); i++) {
            Frame next = media.grabImage();
            if (next == null) {
                return null;
            }
            frame = next;
            if (frame.timestamp >= timestampUs - frameUs / 2) {
                break;
            }
        }
        return candidate(frame);
    }

    /** Without a usable duration: decode from the start, scoring every few frames, within a frame budget. */
    private static Candidate sequential(OpenMedia media, Deadline deadline) throws MediaAnalysisException {
        Search search = new Search();
        int acceptable = 0;
        for (int i = 0; i < SEQUENTIAL_MAX_FRAMES && acceptable < 3; i++) {
            deadline.check("choosing a frame");
            Frame frame = media.grabImage();
            if (frame == null) {
                break;
            }
            if (i % SEQUENTIAL_STEP == 0) {
                Candidate c = candidate(frame);
                search.offer(c);
                if (c != null && c.stats().acceptable()) {
                    acceptable++;
                }
            }
        }
        if (search.decoded == 0) {
            MediaAnalysisException readFailed = media.readFailure("choosing a frame");
            throw readFailed != null ? readFailed
                    : new MediaAnalysisException("no decodable video frames (corrupt or truncated file)");
        }
        return search.result();
    }

    private static Candidate candidate(Frame frame) {
        if (frame == null || frame.image == null || frame.imageWidth <= 0 || frame.imageHeight <= 0) {
            return null;
        }
        // the grabber reuses the frame's buffer: copy before the next grab
        BufferedImage picture = Pictures.copyBgra(frame);
        FrameStats stats = FrameStats.of(Pictures.bgr(picture), picture.getWidth(), picture.getHeight());
        return new Candidate(frame.timestamp, stats, picture);
    }

    /** Keeps the best candidate overall and the best acceptable one (and no other picture: memory stays flat). */
    private static final class Search {
        int decoded;
        Candidate best;
        Candidate bestAcceptable;
        private final Set<Long> timestamps = new HashSet<>();

        void offer(Candidate c) {
            if (c == null) {
                return;
            }
            decoded++;
            timestamps.add(c.timestampUs());
            if (best == null || c.stats().score() > best.stats().score()) {
                best = c;
            }
            if (c.stats().acceptable()
                    && (bestAcceptable == null || c.stats().score() > bestAcceptable.stats().score())) {
                bestAcceptable = c;
            }
        }

        /** Different frames compared (seeks to nearby points can land on the same keyframe). */
        int distinct() {
            return timestamps.size();
        }

        Candidate result() {
            return bestAcceptable != null ? bestAcceptable : best;
        }
    }
}
