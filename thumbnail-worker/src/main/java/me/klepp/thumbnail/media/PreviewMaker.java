package me.klepp.thumbnail.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the hover preview of a clip: a few seconds from the poster frame on (earlier when the clip ends sooner),
 * muted, upright, at most the preview width, at most the preview frame rate, encoded with the bundled FFmpeg's
 * H.264 encoder (OpenH264) into an MP4 that browsers play without an extra request for the index.
 *
 * <p>Decodes only those seconds: one seek to the keyframe at or before the start, then frame after frame. A
 * preview is a nicety: anything that goes wrong with the file or the encoder gives no preview rather than a failed
 * job; only a failed read of the source (worth a retry) is thrown.
 */
public final class PreviewMaker {

    private static final Logger log = LoggerFactory.getLogger(PreviewMaker.class);

    /**
     * Frame threads (FFmpeg's default): the preview decodes consecutive frames, which is what they speed up. No
     * deblocking: scaled down to a quarter or less, its effect is invisible, and it is a good part of decoding.
     */
    private static final Map<String, String> DECODER_OPTIONS = Map.of("skip_loop_filter", "all");

    private final long lengthUs;
    private final int maxWidth;
    private final int maxFps;
    private final Limits limits;

    /**
     * @param length   how much of the clip the preview shows
     * @param maxWidth widest preview, in pixels (never upscaled)
     * @param maxFps   highest frame rate; faster clips drop frames
     */
    public PreviewMaker(Duration length, int maxWidth, int maxFps, Limits limits) {
        if (length.isNegative() || length.isZero() || maxWidth < 2 || maxFps < 1) {
            throw new IllegalArgumentException("preview length, width and frame rate must be positive");
        }
        this.lengthUs = length.toNanos() / 1000;
        this.maxWidth = maxWidth;
        this.maxFps = maxFps;
        this.limits = limits;
    }

    /**
     * @param analysis what {@link MediaAnalyzer} found (a video)
     * @return the preview, or empty when none could be made (see the log)
     * @throws MediaAnalysisException (retryable) only when reading the source failed
     */
    public Optional<Preview> make(MediaSource source, MediaAnalysis analysis, Deadline deadline)
            throws MediaAnalysisException {
        if (!analysis.isVideo()) {
            return Optional.empty();
        }
        try (OpenMedia media = OpenMedia.open(source, deadline, limits, DECODER_OPTIONS)) {
            int width = Math.max(2, Math.min(maxWidth, media.displayWidth) & ~1);
            int height = Math.max(2, (int) Math.round((double) width * media.displayHeight / media.displayWidth) & ~1);
            media.decodeAt(width, height);
            long span = media.spanUs();
            long start = Math.max(0, span > 0 ? Math.min(analysis.frameTimestampUs(), span - lengthUs)
                    : analysis.frameTimestampUs());
            if (start > 0 && !media.seekKeyframe(start)) {
                return nothing(source, "cannot seek to " + start / 1000 + " ms");
            }
            Double sourceFps = media.fps();
            int fps = (int) Math.max(1, Math.min(maxFps, sourceFps == null ? maxFps : Math.round(sourceFps)));
            Path file = Files.createTempFile("klepp-preview-", ".mp4");
            try {
                long durationMs = encode(media, file, width, height, fps, deadline);
                MediaAnalysisException readFailed = media.readFailure("making the preview");
                if (readFailed != null && readFailed.isRetryable()) {
                    throw readFailed;
                }
                if (durationMs <= 0) {
                    return nothing(source, deadline.passed() ? "out of time" : "no frames decoded");
                }
                return Optional.of(new Preview(Files.readAllBytes(file), width, height, durationMs));
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (MediaAnalysisException e) {
            if (e.isRetryable() && !deadline.passed()) {
                throw e;
            }
            return nothing(source, e.getMessage());
        } catch (IOException | RuntimeException e) {
            return nothing(source, e.toString());
        }
    }

    /** Decodes from the current position and records up to the preview's length; returns its duration in ms. */
    private long encode(OpenMedia media, Path file, int width, int height, int fps, Deadline deadline)
            throws IOException {
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
        try {
            recorder.setFormat("mp4");
            recorder.setVideoCodecName("libopenh264");
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(fps);
            recorder.setGopSize(fps * 2);
            // about 0.1 bit per pixel: ~400 kbit/s at 480x270, 30 fps; a 3 s preview stays near 150 kB
            recorder.setVideoBitrate(Math.max(150_000, width * height * fps / 10));
            recorder.setOption("movflags", "+faststart");
            recorder.start();
            ByteBuffer bgr = ByteBuffer.allocateDirect(width * height * 3);
            long first = -1;
            long slotUs = 1_000_000L / fps;
            long nextUs = 0;
            int frames = 0;
            while (!deadline.passed()) {
                Frame frame = media.grabImage();
                if (frame == null || frame.image == null) {
                    break;
                }
                if (first < 0) {
                    first = frame.timestamp;
                }
                long at = frame.timestamp - first;
                if (at >= lengthUs) {
                    break;
                }
                if (at < nextUs) {
                    continue; // faster than the preview's frame rate
                }
                nextUs = Math.max(nextUs + slotUs, at - at % slotUs + slotUs);
                BufferedImage upright = Pictures.rotateClockwise(Pictures.copyBgra(frame), media.rotation);
                bgr.clear();
                bgr.put(Pictures.bgr(upright)).flip();
                recorder.recordImage(width, height, Frame.DEPTH_UBYTE, 3, width * 3, AV_PIX_FMT_BGR24, bgr);
                frames++;
            }
            recorder.stop();
            return deadline.passed() ? 0 : frames * 1000L / fps;
        } finally {
            recorder.release();
        }
    }

    private static Optional<Preview> nothing(MediaSource source, String why) {
        log.info("no preview for {}: {}", source.name(), why);
        return Optional.empty();
    }
}
