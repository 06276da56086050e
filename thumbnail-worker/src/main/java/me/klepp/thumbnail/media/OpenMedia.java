package me.klepp.thumbnail.media;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGRA;
import static org.bytedeco.ffmpeg.global.swscale.SWS_ACCURATE_RND;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.SWS_FULL_CHR_H_INT;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * One opened upload: a JavaCV grabber reading through a {@link SourceStream}, its picture stream, and the geometry
 * a player would show (sample aspect ratio and rotation applied). Closing it frees every native resource.
 *
 * <p>Only known media containers and image formats are opened (a demuxer whitelist), and no protocol at all, so an
 * uploaded playlist or other indirection cannot make FFmpeg read anything but the upload.
 */
final class OpenMedia implements AutoCloseable {

    /** Demuxers we accept (FFmpeg names; a format matches when any of its comma-separated names is listed). */
    static final String FORMAT_WHITELIST = String.join(",",
            "mov", "mp4", "matroska", "webm", "avi", "flv", "mpegts", "mpeg", "asf", "ogg", "ivf",
            "image2", "image2pipe", "gif", "apng", "webp", "png_pipe", "jpeg_pipe", "jpegls_pipe", "webp_pipe",
            "bmp_pipe", "tiff_pipe", "jpegxl_pipe", "qoi_pipe", "dpx_pipe", "exr_pipe");

    /** Demuxers of still images (or animations treated as an image: GIF, APNG). */
    private static final Set<String> IMAGE_FORMATS = Set.of("image2", "image2pipe", "gif", "apng", "webp");

    final KeyframeGrabber grabber;
    final AVStream video;
    final boolean image;
    /** Clockwise degrees (0, 90, 180, 270) a player turns the stored picture by. */
    final int rotation;
    final int displayWidth;
    final int displayHeight;
    private final SourceStream stream;
    private final Deadline deadline;

    private OpenMedia(KeyframeGrabber grabber, SourceStream stream, Deadline deadline, Limits limits)
            throws MediaAnalysisException {
        this.grabber = grabber;
        this.stream = stream;
        this.deadline = deadline;
        video = videoStream(grabber);
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
        if ((long) codedWidth * codedHeight > limits.maxPixels()) {
            throw tooLarge(codedWidth, codedHeight, limits);
        }
        double sar = grabber.getAspectRatio();
        if (!(sar > 0.01 && sar < 100)) {
            sar = 1;
        }
        rotation = clockwiseRotation(grabber);
        int storedWidth = Math.max(1, (int) Math.round(codedWidth * sar));
        displayWidth = quarterTurn() ? codedHeight : storedWidth;
        displayHeight = quarterTurn() ? storedWidth : codedHeight;
        image = isImage(grabber, video);
    }

    /**
     * Opens and probes the source.
     *
     * @param videoOptions decoder options (e.g. threading) for this use
     */
    static OpenMedia open(MediaSource source, Deadline deadline, Limits limits, Map<String, String> videoOptions)
            throws MediaAnalysisException {
        if (source.size() == 0) {
            throw new MediaAnalysisException("zero-byte file");
        }
        SourceStream stream = new SourceStream(source, deadline);
        KeyframeGrabber grabber = new KeyframeGrabber(stream);
        try {
            grabber.setCloseInputStream(false);
            grabber.setPixelFormat(AV_PIX_FMT_BGRA);
            grabber.setImageScalingFlags(SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT);
            grabber.setOption("format_whitelist", FORMAT_WHITELIST);
            // nothing to open besides the upload itself (our I/O callbacks need no protocol)
            grabber.setOption("protocol_whitelist", "none");
            grabber.setVideoOption("max_pixels", String.valueOf(limits.maxPixels()));
            videoOptions.forEach(grabber::setVideoOption);
            try {
                grabber.start();
            } catch (Exception e) { // errors (natives missing, out of memory) are not the file's fault: propagate
                MediaAnalysisException readFailed = readFailure(stream, deadline, "opening the media");
                if (readFailed != null) {
                    throw readFailed;
                }
                MediaAnalysisException tooLarge = tooLarge(grabber, limits);
                if (tooLarge != null) {
                    throw tooLarge; // the decoder's own max_pixels refused it
                }
                throw String.valueOf(e.getMessage()).contains("avformat_open_input") ? FormatProbe.whyNotOpened(source)
                        : FfmpegErrors.openFailed(e);
            }
            return new OpenMedia(grabber, stream, deadline, limits);
        } catch (MediaAnalysisException | RuntimeException | Error e) {
            release(grabber);
            throw e;
        }
    }

    private static MediaAnalysisException tooLarge(int width, int height, Limits limits) {
        return new MediaAnalysisException("picture too large: " + width + "x" + height + " is more than "
                + limits.maxPixels() + " pixels");
    }

    /** A picture stream the probe found beyond the limit, if any (JavaCV keeps the context after a failed start). */
    private static MediaAnalysisException tooLarge(FFmpegFrameGrabber grabber, Limits limits) {
        AVFormatContext oc = grabber.getFormatContext();
        if (oc == null || oc.isNull()) {
            return null;
        }
        for (int i = 0; i < oc.nb_streams(); i++) {
            var codec = oc.streams(i).codecpar();
            if (codec.codec_type() == AVMEDIA_TYPE_VIDEO && (long) codec.width() * codec.height() > limits.maxPixels()) {
                return tooLarge(codec.width(), codec.height(), limits);
            }
        }
        return null;
    }

    boolean quarterTurn() {
        return rotation == 90 || rotation == 270;
    }

    /** Makes the grabber scale every picture to fit {@code width}x{@code height} as displayed (before rotation). */
    void decodeAt(int width, int height) {
        grabber.setImageWidth(quarterTurn() ? height : width);
        grabber.setImageHeight(quarterTurn() ? width : height);
    }

    /**
     * When decoding came up short, whether it was because reading failed (storage error, deadline): that, not
     * the missing bytes, is then the reason to report, and a later attempt may succeed.
     */
    MediaAnalysisException readFailure(String doing) {
        return readFailure(stream, deadline, doing);
    }

    private static MediaAnalysisException readFailure(SourceStream stream, Deadline deadline, String doing) {
        IOException failure = stream.failure();
        if (failure == null) {
            return null;
        }
        if (failure instanceof SourceStream.DeadlinePassedException) {
            return deadline.timedOut(doing);
        }
        if (failure instanceof SourceGoneException gone) {
            return gone.asAnalysisFailure();
        }
        return new MediaAnalysisException("reading the upload failed: " + failure.getMessage(), true, failure);
    }

    /** The next picture, or null at the end of the stream or when it cannot be decoded. */
    Frame grabImage() {
        try {
            return grabber.grabImage();
        } catch (Exception e) {
            return null;
        }
    }

    /** Seeks to the keyframe at or before {@code timestampUs} (nothing is decoded yet). */
    boolean seekKeyframe(long timestampUs) {
        try {
            grabber.seekKeyframe(timestampUs);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    // ---- metadata -------------------------------------------------------------------------------------------

    /** FFmpeg's names of the container (demuxer), comma-separated; empty when unknown. */
    String containerFormat() {
        String format = grabber.getFormat();
        return format == null ? "" : format;
    }

    String codecName() {
        BytePointer name = avcodec_get_name(grabber.getVideoCodec()); // static string, not ours to free
        String s = name == null || name.isNull() ? null : name.getString();
        return s == null || s.isBlank() ? grabber.getVideoCodecName() : s;
    }

    /** Duration of the picture stream, or of the container, in microseconds; -1 when unknown. */
    long spanUs() {
        long stream = videoDurationUs(video);
        if (stream > 0) {
            return stream;
        }
        long length = grabber.getLengthInTime();
        return length > 0 && length != AV_NOPTS_VALUE ? length : -1;
    }

    Long durationMs() {
        long container = grabber.getFormatContext().duration();
        if (container > 0 && container != AV_NOPTS_VALUE) {
            return grabber.getLengthInTime() / 1000;
        }
        long stream = videoDurationUs(video);
        return stream > 0 ? stream / 1000 : null;
    }

    long frameDurationUs() {
        double fps = grabber.getVideoFrameRate();
        return fps > 0 && fps < 1000 ? (long) (1_000_000 / fps) : 40_000;
    }

    Double fps() {
        double fps = grabber.getVideoFrameRate();
        if (!(fps > 0 && fps < 1000)) {
            return null;
        }
        return Math.round(fps * 1000) / 1000.0;
    }

    Long bitrate() {
        long overall = grabber.getFormatContext().bit_rate();
        if (overall > 0) {
            return overall;
        }
        long videoBitrate = grabber.getVideoBitrate();
        return videoBitrate > 0 ? videoBitrate : null;
    }

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

    private static int clockwiseRotation(FFmpegFrameGrabber grabber) {
        double ccw = grabber.getDisplayRotation(); // av_display_rotation_get: counterclockwise degrees
        if (Double.isNaN(ccw) || Double.isInfinite(ccw)) {
            return 0;
        }
        return Math.floorMod((int) Math.round(-ccw / 90.0) * 90, 360);
    }

    private static long videoDurationUs(AVStream video) {
        long d = video.duration();
        AVRational tb = video.time_base();
        if (d <= 0 || d == AV_NOPTS_VALUE || tb.num() <= 0 || tb.den() <= 0) {
            return -1;
        }
        return d * 1_000_000L * tb.num() / tb.den();
    }

    @Override
    public void close() {
        release(grabber);
    }

    private static void release(FFmpegFrameGrabber grabber) {
        try {
            grabber.close(); // stop() + release(): frees codecs, scaler, format context and I/O
        } catch (Exception | LinkageError ignored) {
            // nothing more we can free
        }
    }
}
