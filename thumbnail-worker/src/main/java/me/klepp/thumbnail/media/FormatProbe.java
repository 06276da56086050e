package me.klepp.thumbnail.media;

import static org.bytedeco.ffmpeg.global.avformat.AVPROBE_PADDING_SIZE;
import static org.bytedeco.ffmpeg.global.avformat.av_probe_input_format3;

import java.io.IOException;
import java.util.Arrays;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVProbeData;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;

/**
 * Explains why FFmpeg could not open an upload. JavaCV retries a failed {@code avformat_open_input} once and
 * reports only the retry's error, which (our reader being gone by then) says nothing about the file; so the start of
 * the file is probed again here, to tell unknown content from a format we do not accept from a damaged file.
 */
final class FormatProbe {

    private static final int PROBE_BYTES = 256 * 1024;

    private FormatProbe() {
    }

    static MediaAnalysisException whyNotOpened(MediaSource source) {
        byte[] head;
        try {
            head = readHead(source);
        } catch (IOException e) {
            return new MediaAnalysisException("reading the upload failed: " + e.getMessage(), true, e);
        }
        String format = probe(head);
        if (format == null) {
            return new MediaAnalysisException("not a media file (content not recognised)");
        }
        for (String name : format.split(",")) {
            if (Arrays.asList(OpenMedia.FORMAT_WHITELIST.split(",")).contains(name)) {
                return new MediaAnalysisException("not a media file, or truncated/corrupt (" + format
                        + " data that cannot be opened)");
            }
        }
        return new MediaAnalysisException("not a supported media format (" + format + ")");
    }

    private static byte[] readHead(MediaSource source) throws IOException {
        byte[] head = new byte[(int) Math.min(PROBE_BYTES, source.size())];
        int filled = 0;
        while (filled < head.length) {
            int n = source.read(filled, head, filled, head.length - filled);
            if (n <= 0) {
                break;
            }
            filled += n;
        }
        return Arrays.copyOf(head, filled);
    }

    /** FFmpeg's name of the format of these bytes, or null when no format is likely enough. */
    private static String probe(byte[] head) {
        try (BytePointer buffer = new BytePointer(head.length + AVPROBE_PADDING_SIZE);
                BytePointer filename = new BytePointer("");
                IntPointer score = new IntPointer(1);
                AVProbeData data = new AVProbeData()) {
            buffer.fill(0); // FFmpeg reads the padding after the data
            buffer.put(head, 0, head.length);
            data.buf(buffer).buf_size(head.length).filename(filename);
            AVInputFormat format = av_probe_input_format3(data, 1, score);
            if (format == null || format.isNull() || score.get() <= 25) {
                return null;
            }
            return format.name().getString();
        }
    }
}
