package me.klepp.thumbnail.media;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGRA;
import static org.bytedeco.ffmpeg.global.swscale.SWS_ACCURATE_RND;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.SWS_FULL_CHR_H_INT;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * Reads the metadata of a clip or screenshot with FFmpeg (JavaCV) and makes a JPEG thumbnail of a representative
 * picture. Stateless and thread-safe: every {@link #analyze} call opens and releases its own native resources.
 *
 * <p>Sources are local file paths or http(s) URLs (e.g. presigned S3 GET URLs, read with ranged requests; only
 * the parts FFmpeg needs are fetched). Only known media containers and image formats are opened (a demuxer
 * whitelist), and only the {@code file} protocol for paths or {@code http,https,tcp,tls} for URLs, so uploaded
 * playlists or other indirections cannot make FFmpeg read anything else.
 *
 * <p>Video thumbnails come from several sample points spread over the clip (10%..70% of the duration, more
 * points later in short clips), each scored on a grayscale downscale; near-black, near-white and flat pictures
 * are rejected, the most detailed remaining one wins (the best of the poor ones if all are poor).
 */
public final class MediaAnalyzer {

    /** Demuxers we accept (FFmpeg names; a format matches when any of its comma-separated names is listed). */
    static final String FORMAT_WHITELIST = String.join(",",
            "mov", "mp4", "matroska", "webm", "avi", "flv", "mpegts", "mpeg", "asf", "ogg", "ivf",
            "image2", "image2pipe", "gif", "apng", "webp", "png_pipe", "jpeg_pipe", "jpegls_pipe", "webp_pipe",
            "bmp_pipe", "tiff_pipe", "jpegxl_pipe", "qoi_pipe", "dpx_pipe", "exr_pipe");

    /** Demuxers of still images (or animations treated as an image: GIF, APNG). */
    private static final Set<String> IMAGE_FORMATS = Set.of("image2", "image2pipe", "gif", "apng", "webp");

    /** Candidate points for the video thumbnail, as fractions of the duration. */
    private static final double[] SAMPLE_POINTS = {0.10, 0.25, 0.40, 0.55, 0.70};

    /** Tried when no sample point gave a usable picture (or too few points lie after the first seconds). */
    private static final double[] LATE_POINTS = {0.85, 0.95};

    /** Clips longer than this get at least two sample points after {@link #INTRO_US} (intros, fades, logos). */
    private static final long INTRO_US = 2_000_000;

    /** Without a known duration: decode at most this many frames from the start, sampling every few. */
    private static final int SEQUENTIAL_MAX_FRAMES = 300;
    private static final int SEQUENTIAL_STEP = 12;

    /** Time budget for seeking and decoding candidates; the best picture found so far is used after that. */
    private static final long FRAME_SEARCH_BUDGET_NANOS = 20_000_000_000L;

    /** Network read/connect timeout for URL sources, in microseconds (FFmpeg's rw_timeout). */
    private static final String NETWORK_TIMEOUT_US = "30000000";

    /** Pictures larger than this many pixels are refused by the decoder (decompression bombs). */
    private static final String MAX_PIXELS = String.valueOf(100_000_000);

    private final int thumbnailMaxWidth;

    /** @param thumbnailMaxWidth maximum thumbnail width in pixels; smaller pictures are not upscaled */
    public MediaAnalyzer(int thumbnailMaxWidth) {
        if (thumbnailMaxWidth < 1) {
            throw new IllegalArgumentException("thumbnailMaxWidth must be positive: " + thumbnailMaxWidth);
        }
        this.thumbnailMaxWidth = thumbnailMaxWidth;
    }

    /**
     * Analyses a local file path or an http(s) URL.
     *
     * @throws MediaAnalysisException with a readable reason when the source is missing, empty, not media, has no
     *                                video/picture stream, or is truncated/corrupt
     */
    public MediaAnalysis analyze(String source) throws MediaAnalysisException {
        Objects.requireNonNull(source, "source");
        boolean remote = isHttpUrl(source);
        String input = remote ? source : localInput(source);

        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(input);
        try {
            grabber.setPixelFormat(AV_PIX_FMT_BGRA);
            grabber.setImageScalingFlags(SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT);
            grabber.setOption("format_whitelist", FORMAT_WHITELIST);
            grabber.setOption("protocol_whitelist", remote ? "http,https,tcp,tls" : "file");
            if (remote) {
                grabber.setOption("rw_timeout", NETWORK_TIMEOUT_US);
                grabber.setOption("user_agent", "klepp-thumbnail-worker");
            }
            grabber.setVideoOption("max_pixels", MAX_PIXELS);
            try {
                grabber.start();
            } catch (Exception e) { // errors (natives missing, out of memory) are not the file's fault: propagate
                throw FfmpegErrors.openFailed(e, remote);
            }
            return analyzeOpened(grabber, remote);
        } finally {
            release(grabber);
        }
    }

    private MediaAnalysis analyzeOpened(FFmpegFrameGrabber grabber, boolean remote) throws MediaAnalysisException {
        AVStream video = videoStream(grabber);
        if (video == null) {
            throw new MediaAnalysisException(grabber.hasAudio() ? "no video stream (audio only)" : "no video stream");
        }
        if ((video.disposition() & AV_DISPOSITION_ATTACHED_PIC) != 0) {
            throw new MediaAnalysisException("no video stream (audio with cover art)");
        }
        int codedWidth = grabber.getImageWidth();
        int codedHeight = grabber.getImageHeight();
        if (codedWidth <= 0 || codedHeight <= 0) {
            throw new MediaAnalysisException("no picture size in the video stream (corrupt or truncated file)");
        }

        // Display geometry: sample aspect ratio, then rotation metadata (phones record portrait as rotated).
        double sar = grabber.getAspectRatio();
        if (!(sar > 0.01 && sar < 100)) {
            sar = 1;
        }
        int rotation = clockwiseRotation(grabber);
        boolean quarterTurn = rotation == 90 || rotation == 270;
        int storedWidth = Math.max(1, (int) Math.round(codedWidth * sar));
        int displayWidth = quarterTurn ? codedHeight : storedWidth;
        int displayHeight = quarterTurn ? storedWidth : codedHeight;

        int thumbWidth = Math.min(thumbnailMaxWidth, displayWidth);
        int thumbHeight = Math.max(1, (int) Math.round((double) thumbWidth * displayHeight / displayWidth));
        // FFmpeg scales the decoded pictures straight to the (unrotated) thumbnail size.
        grabber.setImageWidth(quarterTurn ? thumbHeight : thumbWidth);
        grabber.setImageHeight(quarterTurn ? thumbWidth : thumbHeight);

        boolean image = isImage(grabber, video);
        Candidate chosen = image ? firstPicture(grabber) : representativeFrame(grabber, video, remote);
        BufferedImage thumbnail = Pictures.rotateClockwise(chosen.image(), rotation);
        byte[] jpeg = Pictures.jpeg(thumbnail);

        String codec = codecName(grabber);
        if (image) {
            return new MediaAnalysis(MediaAnalysis.KIND_IMAGE, null, displayWidth, displayHeight, codec, null,
                    grabber.hasAudio(), null, jpeg, thumbnail.getWidth(), thumbnail.getHeight());
        }
        return new MediaAnalysis(MediaAnalysis.KIND_VIDEO, durationMs(grabber, video), displayWidth, displayHeight,
                codec, fps(grabber), grabber.hasAudio(), bitrate(grabber), jpeg, thumbnail.getWidth(),
                thumbnail.getHeight());
    }

    // ---- choosing the picture -------------------------------------------------------------------------------

    record Candidate(long timestampUs, FrameStats stats, BufferedImage image) {
    }

    private static Candidate firstPicture(FFmpegFrameGrabber grabber) throws MediaAnalysisException {
        Candidate first = grab(grabber);
        if (first == null) {
            throw new MediaAnalysisException("no decodable picture (corrupt or truncated image)");
        }
        return first;
    }

    private static Candidate representativeFrame(FFmpegFrameGrabber grabber, AVStream video, boolean remote)
            throws MediaAnalysisException {
        long span = videoDurationUs(video);
        if (span <= 0) {
            span = grabber.getLengthInTime();
        }
        if (span <= 0 || span == AV_NOPTS_VALUE) {
            return sequentialSearch(grabber);
        }
        long deadline = System.nanoTime() + FRAME_SEARCH_BUDGET_NANOS;
        long frameUs = frameDurationUs(grabber);
        List<Long> points = points(span, SAMPLE_POINTS, frameUs, List.of());
        List<Long> late = points(span, LATE_POINTS, frameUs, points);
        boolean fewAfterIntro = span > INTRO_US + INTRO_US / 10
                && points.stream().filter(t -> t >= INTRO_US).count() < 2;

        Search search = new Search();
        int tried = 0;
        for (long t : points) {
            if (System.nanoTime() > deadline) {
                break;
            }
            tried++;
            search.offer(grabAt(grabber, t));
        }
        // A clip whose container promises more than can be decoded was cut off (or is damaged) in the middle.
        // Over HTTP a dropped connection looks the same (JavaCV reports read errors as end of file).
        if (search.decoded == 0 || (tried - search.decoded) * 2 > tried) {
            throw new MediaAnalysisException("truncated or corrupt video: only " + search.decoded + " of " + tried
                    + " sample points could be decoded" + (remote ? " (or the connection dropped)" : ""), remote,
                    null);
        }
        if (search.bestAcceptable == null || fewAfterIntro) {
            for (long t : late) {
                if (System.nanoTime() > deadline) {
                    break;
                }
                search.offer(grabAt(grabber, t));
            }
        }
        return search.result();
    }

    /** Without a usable duration: decode from the start, scoring every few frames, within a frame budget. */
    private static Candidate sequentialSearch(FFmpegFrameGrabber grabber) throws MediaAnalysisException {
        long deadline = System.nanoTime() + FRAME_SEARCH_BUDGET_NANOS;
        Search search = new Search();
        int acceptable = 0;
        for (int i = 0; i < SEQUENTIAL_MAX_FRAMES && acceptable < 3 && System.nanoTime() < deadline; i++) {
            Frame frame;
            try {
                frame = grabber.grabImage();
            } catch (Exception e) {
                break;
            }
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
            throw new MediaAnalysisException("no decodable video frames (corrupt or truncated file)");
        }
        return search.result();
    }

    /** Keeps the best candidate overall and the best acceptable one. */
    private static final class Search {
        int decoded;
        Candidate best;
        Candidate bestAcceptable;

        void offer(Candidate c) {
            if (c == null) {
                return;
            }
            decoded++;
            if (best == null || c.stats().score() > best.stats().score()) {
                best = c;
            }
            if (c.stats().acceptable()
                    && (bestAcceptable == null || c.stats().score() > bestAcceptable.stats().score())) {
                bestAcceptable = c;
            }
        }

        Candidate result() {
            return bestAcceptable != null ? bestAcceptable : best;
        }
    }

    /** Timestamps at the given fractions of the span, skipping any within a frame of another or of {@code taken}. */
    private static List<Long> points(long spanUs, double[] fractions, long frameUs, List<Long> taken) {
        List<Long> points = new ArrayList<>();
        for (double f : fractions) {
            long t = (long) (spanUs * f);
            boolean duplicate = points.stream().anyMatch(p -> Math.abs(p - t) < frameUs)
                    || taken.stream().anyMatch(p -> Math.abs(p - t) < frameUs);
            if (!duplicate) {
                points.add(t);
            }
        }
        return points;
    }

    /** Seeks (JavaCV: to the preceding keyframe, then decodes forward to the target) and grabs one picture. */
    private static Candidate grabAt(FFmpegFrameGrabber grabber, long timestampUs) {
        try {
            grabber.setVideoTimestamp(timestampUs);
        } catch (Exception e) {
            return null;
        }
        return grab(grabber);
    }

    private static Candidate grab(FFmpegFrameGrabber grabber) {
        try {
            return candidate(grabber.grabImage());
        } catch (Exception e) {
            return null;
        }
    }

    private static Candidate candidate(Frame frame) {
        if (frame == null || frame.image == null || frame.imageWidth <= 0 || frame.imageHeight <= 0) {
            return null;
        }
        BufferedImage picture = Pictures.copyBgra(frame);
        FrameStats stats = FrameStats.of(Pictures.bgr(picture), picture.getWidth(), picture.getHeight());
        return new Candidate(frame.timestamp, stats, picture);
    }

    // ---- metadata -------------------------------------------------------------------------------------------

    private static AVStream videoStream(FFmpegFrameGrabber grabber) {
        if (!grabber.hasVideo()) {
            return null;
        }
        AVFormatContext oc = grabber.getFormatContext();
        int index = grabber.getVideoStream();
        if (index >= 0 && index < oc.nb_streams()) {
            return oc.streams(index);
        }
        for (int i = 0; i < oc.nb_streams(); i++) {
            AVStream st = oc.streams(i);
            if (st.codecpar().codec_type() == AVMEDIA_TYPE_VIDEO) {
                return st;
            }
        }
        return null;
    }

    private static boolean isImage(FFmpegFrameGrabber grabber, AVStream video) {
        String format = grabber.getFormat();
        if (format != null) {
            for (String name : format.split(",")) {
                if (IMAGE_FORMATS.contains(name) || name.endsWith("_pipe")) {
                    return true;
                }
            }
        }
        // e.g. HEIF/AVIF stills (mov demuxer) or a one-frame clip
        return video.nb_frames() == 1 && !grabber.hasAudio();
    }

    /** Clockwise rotation (0, 90, 180, 270) a player applies for the display matrix of the video stream. */
    private static int clockwiseRotation(FFmpegFrameGrabber grabber) {
        double ccw = grabber.getDisplayRotation(); // av_display_rotation_get: counterclockwise degrees
        if (Double.isNaN(ccw) || Double.isInfinite(ccw)) {
            return 0;
        }
        return Math.floorMod((int) Math.round(-ccw / 90.0) * 90, 360);
    }

    private static String codecName(FFmpegFrameGrabber grabber) {
        BytePointer name = avcodec_get_name(grabber.getVideoCodec()); // static string, not ours to free
        String s = name == null || name.isNull() ? null : name.getString();
        return s == null || s.isBlank() ? grabber.getVideoCodecName() : s;
    }

    private static long videoDurationUs(AVStream video) {
        long d = video.duration();
        AVRational tb = video.time_base();
        if (d <= 0 || d == AV_NOPTS_VALUE || tb.num() <= 0 || tb.den() <= 0) {
            return -1;
        }
        return d * 1_000_000L * tb.num() / tb.den();
    }

    private static Long durationMs(FFmpegFrameGrabber grabber, AVStream video) {
        long container = grabber.getFormatContext().duration();
        if (container > 0 && container != AV_NOPTS_VALUE) {
            return grabber.getLengthInTime() / 1000;
        }
        long stream = videoDurationUs(video);
        return stream > 0 ? stream / 1000 : null;
    }

    private static long frameDurationUs(FFmpegFrameGrabber grabber) {
        double fps = grabber.getVideoFrameRate();
        return fps > 0 && fps < 1000 ? (long) (1_000_000 / fps) : 40_000;
    }

    private static Double fps(FFmpegFrameGrabber grabber) {
        double fps = grabber.getVideoFrameRate();
        if (!(fps > 0 && fps < 1000)) {
            return null;
        }
        return Math.round(fps * 1000) / 1000.0;
    }

    private static Long bitrate(FFmpegFrameGrabber grabber) {
        long overall = grabber.getFormatContext().bit_rate();
        if (overall > 0) {
            return overall;
        }
        long video = grabber.getVideoBitrate();
        return video > 0 ? video : null;
    }

    // ---- sources and cleanup ----------------------------------------------------------------------------------

    static boolean isHttpUrl(String source) {
        String s = source.trim().toLowerCase(Locale.ROOT);
        return s.startsWith("http://") || s.startsWith("https://");
    }

    /** Validates a local path and returns it as an FFmpeg {@code file:} URL (so ':' in names is no protocol). */
    private static String localInput(String source) throws MediaAnalysisException {
        Path path;
        try {
            path = Path.of(source).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new MediaAnalysisException("invalid file path: " + e.getMessage(), e);
        }
        if (!Files.exists(path)) {
            throw new MediaAnalysisException("file not found: " + path);
        }
        if (!Files.isRegularFile(path)) {
            throw new MediaAnalysisException("not a regular file: " + path);
        }
        if (!Files.isReadable(path)) {
            throw new MediaAnalysisException("file not readable: " + path);
        }
        try {
            if (Files.size(path) == 0) {
                throw new MediaAnalysisException("zero-byte file");
            }
        } catch (IOException e) {
            throw new MediaAnalysisException("file not readable: " + e.getMessage(), e);
        }
        return "file:" + path;
    }

    private static void release(FFmpegFrameGrabber grabber) {
        try {
            grabber.close(); // stop() + release(): frees codecs, scaler, format context and I/O
        } catch (Exception | LinkageError ignored) {
            // nothing more we can free
        }
    }
}
