package me.klepp.thumbnail.media;

import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_BAD_REQUEST;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_FORBIDDEN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_OTHER_4XX;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_SERVER_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_TOO_MANY_REQUESTS;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_UNAUTHORIZED;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns JavaCV/FFmpeg exceptions (which carry the FFmpeg error code in their message) into readable reasons. */
final class FfmpegErrors {

    private static final Pattern CODE = Pattern.compile("error\\(?\\)? (-\\d+)");

    // POSIX errno values, as FFmpeg reports them on Linux: AVERROR(e) == -e
    private static final int EINVAL = 22;
    private static final int ENOENT = 2;
    private static final int EACCES = 13;
    private static final int EIO = 5;
    private static final int ETIMEDOUT = 110;
    private static final int ECONNREFUSED = 111;
    private static final int ECONNRESET = 104;
    private static final int EHOSTUNREACH = 113;
    private static final int ENETUNREACH = 101;
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

    /** JavaCV's message without its hints and the input name (which may be a presigned URL). */
    private static String javacvReason(String message) {
        String reason = message.replaceAll(" ?\\((For more details|Has setFormat)[^)]*\\)", "")
                .replaceAll(" ?\"[^\"]*\"", "")
                .trim();
        return reason.isEmpty() ? "unknown error" : reason;
    }

    /** Maps a failure of {@code FFmpegFrameGrabber.start()} to an exception with a readable reason. */
    static MediaAnalysisException openFailed(Exception failure, boolean remote) {
        int code = code(failure);
        String message = String.valueOf(failure.getMessage());
        // JavaCV's message names the input: keep presigned URLs (credentials) out of logged stack traces
        Exception e = remote ? new IOException(javacvReason(message) + " (FFmpeg error " + code + ")") : failure;
        if (code == 0 && message.contains("Did not find a video or audio stream")) {
            return new MediaAnalysisException("no video stream (no decodable audio or video stream found)", e);
        }
        String ffmpeg = code == 0 ? javacvReason(message) : describe(code);
        if (code == AVERROR_INVALIDDATA || code == AVERROR_EOF) {
            return new MediaAnalysisException("not a media file, or truncated/corrupt (" + ffmpeg + ")", e);
        }
        if (code == -EINVAL) {
            // also what FFmpeg answers when the probed format is not on our format whitelist
            return new MediaAnalysisException("not a supported media format (" + ffmpeg + ")", e);
        }
        if (code == AVERROR_HTTP_NOT_FOUND) {
            return new MediaAnalysisException("source URL answered HTTP 404 Not Found", e);
        }
        if (code == AVERROR_HTTP_FORBIDDEN || code == AVERROR_HTTP_UNAUTHORIZED) {
            // e.g. an expired presigned URL: a fresh URL may work
            return new MediaAnalysisException("source URL refused access (" + ffmpeg + ")", true, e);
        }
        if (code == AVERROR_HTTP_SERVER_ERROR || code == AVERROR_HTTP_TOO_MANY_REQUESTS) {
            return new MediaAnalysisException("source URL failed (" + ffmpeg + ")", true, e);
        }
        if (code == AVERROR_HTTP_BAD_REQUEST || code == AVERROR_HTTP_OTHER_4XX) {
            return new MediaAnalysisException("source URL rejected the request (" + ffmpeg + ")", e);
        }
        if (code == -ENOENT) {
            return new MediaAnalysisException("file not found (" + ffmpeg + ")", e);
        }
        if (code == -EACCES) {
            return new MediaAnalysisException("file not readable (" + ffmpeg + ")", e);
        }
        if (code == -ENOMEM) {
            return new MediaAnalysisException("out of memory while opening the media (" + ffmpeg + ")", true, e);
        }
        if (remote && (code == -EIO || code == -ETIMEDOUT || code == -ECONNREFUSED || code == -ECONNRESET
                || code == -EHOSTUNREACH || code == -ENETUNREACH)) {
            return new MediaAnalysisException("could not read the source URL (" + ffmpeg + ")", true, e);
        }
        return new MediaAnalysisException("could not open the media (" + ffmpeg + ")", remote, e);
    }
}
