package me.klepp.thumbnail.media;

import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns JavaCV/FFmpeg exceptions (which carry the FFmpeg error code in their message) into readable reasons. */
final class FfmpegErrors {

    private static final Pattern CODE = Pattern.compile("error\\(?\\)? (-\\d+)");

    // POSIX errno values, as FFmpeg reports them on Linux: AVERROR(e) == -e
    private static final int EINVAL = 22;
    private static final int ENOMEM = 12;

    private FfmpegErrors() {
    }

    /** The FFmpeg error code in a JavaCV exception message, or 0. */
    static int code(Throwable e) {
        if (e == null || e.getMessage() == null) {
            return 0;
        }
        Matcher m = CODE.matcher(e.getMessage());
        if (!m.find()) {
            return 0;
        }
        try {
            return Integer.parseInt(m.group(1));
        } catch (NumberFormatException tooLarge) {
            return 0;
        }
    }

    static String describe(int code) {
        byte[] buf = new byte[256];
        if (av_strerror(code, buf, buf.length) == 0) {
            int end = 0;
            while (end < buf.length && buf[end] != 0) {
                end++;
            }
            return new String(buf, 0, end, StandardCharsets.UTF_8);
        }
        return "FFmpeg error " + code;
    }

    /** JavaCV's message without its hints and the quoted input name. */
    private static String javacvReason(String message) {
        String reason = message.replaceAll(" ?\\((For more details|Has setFormat)[^)]*\\)", "")
                .replaceAll(" ?\"[^\"]*\"", "")
                .trim();
        return reason.isEmpty() ? "unknown error" : reason;
    }

    /**
     * Maps a failure of {@code FFmpegFrameGrabber.start()} on bytes that were read completely (read failures are
     * reported before this is asked) to an exception with a readable reason.
     */
    static MediaAnalysisException openFailed(Exception failure) {
        int code = code(failure);
        String message = String.valueOf(failure.getMessage());
        if (code == 0 && message.contains("Did not find a video or audio stream")) {
            return new MediaAnalysisException("no video stream (no decodable audio or video stream found)", failure);
        }
        String ffmpeg = code == 0 ? javacvReason(message) : describe(code);
        if (code == AVERROR_INVALIDDATA || code == AVERROR_EOF) {
            return new MediaAnalysisException("not a media file, or truncated/corrupt (" + ffmpeg + ")", failure);
        }
        if (code == -EINVAL) {
            // also what FFmpeg answers when the probed format is not on our format whitelist
            return new MediaAnalysisException("not a supported media format (" + ffmpeg + ")", failure);
        }
        if (code == -ENOMEM) {
            return new MediaAnalysisException("out of memory while opening the media (" + ffmpeg + ")", true, failure);
        }
        return new MediaAnalysisException("could not open the media (" + ffmpeg + ")", failure);
    }
}
