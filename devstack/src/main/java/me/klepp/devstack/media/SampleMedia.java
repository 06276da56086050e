package me.klepp.devstack.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB8;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Small, quickly generated media files for tests (no ffmpeg CLI needed): video clips written with JavaCV's
 * {@link FFmpegFrameRecorder} (bundled FFmpeg: H.264 via libopenh264, MPEG-4 Part 2, VP8/VP9 via libvpx, AV1 via
 * libaom; audio AAC or Opus) and still images (PNG/JPEG/GIF via ImageIO, WebP via libwebp).
 *
 * <p>Every picture is a busy, non-uniform colour pattern with moving shapes; {@link #clipWithBlackIntro} starts
 * with pure black frames. Methods create missing parent directories, overwrite {@code target}, return it, and
 * throw {@link UncheckedIOException} when writing fails, {@link IllegalArgumentException} for unsupported
 * format/codec combinations.
 */
public final class SampleMedia {

    private static final int SAMPLE_RATE = 48_000;

    private SampleMedia() {
    }

    /**
     * An MP4 clip at 25 fps: {@code blackSeconds} of black frames, then a moving colourful picture until
     * {@code totalSeconds}. H.264 (libopenh264) when the bundled FFmpeg can encode it, MPEG-4 Part 2 otherwise.
     * No audio track.
     */
    public static Path clipWithBlackIntro(Path target, int width, int height, double blackSeconds, double totalSeconds) {
        return clipWithBlackIntro(target, width, height, blackSeconds, totalSeconds, false);
    }

    /** As {@link #clipWithBlackIntro(Path, int, int, double, double)}, with a mono AAC sine tone when {@code withAudio}. */
    public static Path clipWithBlackIntro(Path target, int width, int height, double blackSeconds, double totalSeconds,
            boolean withAudio) {
        if (blackSeconds < 0 || blackSeconds > totalSeconds) {
            throw new IllegalArgumentException("blackSeconds must be within 0.." + totalSeconds + ": " + blackSeconds);
        }
        String codec = hasEncoder("libopenh264") ? "h264" : "mpeg4";
        return write(target, new ClipSpec("mp4", codec, width, height, totalSeconds, 25, blackSeconds, withAudio));
    }

    /**
     * A clip without audio.
     *
     * @param format     container: {@code mp4}, {@code mov}, {@code mkv} (or {@code matroska}) or {@code webm}
     * @param videoCodec {@code h264} (libopenh264), {@code mpeg4}, {@code vp8}, {@code vp9}, {@code av1}, or any
     *                   FFmpeg encoder name; webm takes only vp8/vp9/av1
     */
    public static Path clip(Path target, String format, String videoCodec, int width, int height, double seconds, int fps) {
        return clip(target, format, videoCodec, width, height, seconds, fps, false);
    }

    /** As {@link #clip(Path, String, String, int, int, double, int)}; {@code withAudio} adds a mono sine tone (AAC in mp4/mov, Opus in mkv/webm). */
    public static Path clip(Path target, String format, String videoCodec, int width, int height, double seconds, int fps,
            boolean withAudio) {
        return write(target, new ClipSpec(format, videoCodec, width, height, seconds, fps, 0, withAudio));
    }

    /**
     * A still image of the test pattern.
     *
     * @param format {@code png}, {@code jpg} (or {@code jpeg}), {@code gif} (written by ImageIO) or {@code webp}
     *               (written by FFmpeg's libwebp encoder, lossy, single frame)
     */
    public static Path image(Path target, String format, int width, int height) {
        requirePositive(width, height);
        String f = format.toLowerCase(Locale.ROOT);
        if (!f.matches("png|jpe?g|gif|webp")) {
            throw new IllegalArgumentException("unsupported image format: " + format);
        }
        prepare(target);
        try {
            switch (f) {
                case "png", "jpg", "jpeg", "gif" -> {
                    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
                    byte[] bgr = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
                    new TestPattern(width, height).paint(bgr, 0, 1);
                    if (!ImageIO.write(img, f.equals("jpg") ? "jpeg" : f, target.toFile())) {
                        throw new IOException("no ImageIO writer for " + f);
                    }
                }
                default -> encodeStill(target, "webp", "libwebp", AV_PIX_FMT_YUV420P, width, height, 1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + f + " image " + target, e);
        }
        return target;
    }

    /** An animated GIF (FFmpeg gif encoder, 10 fps, looping) of {@code frames} pattern frames. */
    public static Path animatedGif(Path target, int width, int height, int frames) {
        requirePositive(width, height);
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be >= 1");
        }
        prepare(target);
        try {
            encodeStill(target, "gif", "gif", AV_PIX_FMT_RGB8, width, height, frames);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write animated gif " + target, e);
        }
        return target;
    }

    // ---------------------------------------------------------------------------------------------------------

    record ClipSpec(String format, String videoCodec, int width, int height, double seconds, int fps,
            double blackSeconds, boolean withAudio) {
    }

    static Path write(Path target, ClipSpec spec) {
        requirePositive(spec.width(), spec.height());
        if (spec.width() % 2 != 0 || spec.height() % 2 != 0) {
            // 4:2:0 video: the recorder would silently round up to even dimensions
            throw new IllegalArgumentException("video dimensions must be even: " + spec.width() + "x" + spec.height());
        }
        if (spec.fps() <= 0 || spec.seconds() <= 0) {
            throw new IllegalArgumentException("fps and seconds must be positive");
        }
        String muxer = muxer(spec.format());
        String codec = spec.videoCodec().toLowerCase(Locale.ROOT);
        boolean matroska = muxer.equals("matroska") || muxer.equals("webm");
        if (muxer.equals("webm") && !(codec.equals("vp8") || codec.equals("vp9") || codec.equals("av1")
                || codec.startsWith("libvpx") || codec.startsWith("libaom"))) {
            throw new IllegalArgumentException("webm takes vp8/vp9/av1 video, not " + spec.videoCodec());
        }
        prepare(target);
        try {
            if (spec.withAudio() && matroska) {
                // FFmpegFrameRecorder 1.5.13 writes audio packet durations in samples into matroska's 1 ms time
                // base, stretching the file's duration by ~1 s. Encode into NUT (time base = sample rate) and remux.
                Path nut = target.resolveSibling(target.getFileName() + ".tmp.nut");
                try {
                    encode(nut, spec, "nut", codec, true);
                    remux(nut, target, muxer);
                } finally {
                    Files.deleteIfExists(nut);
                }
            } else {
                encode(target, spec, muxer, codec, matroska);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + spec + " to " + target, e);
        }
        return target;
    }

    private static void encode(Path target, ClipSpec spec, String muxer, String codec, boolean opus)
            throws IOException {
        int frames = Math.max(1, (int) Math.round(spec.seconds() * spec.fps()));
        int blackFrames = (int) Math.round(spec.blackSeconds() * spec.fps());
        TestPattern pattern = new TestPattern(spec.width(), spec.height());
        byte[] bgr = new byte[spec.width() * spec.height() * 3];
        ByteBuffer image = ByteBuffer.allocateDirect(bgr.length);
        ShortBuffer samples = null;

        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(target.toFile(), spec.width(), spec.height(),
                spec.withAudio() ? 1 : 0);
        try {
            recorder.setFormat(muxer);
            recorder.setFrameRate(spec.fps());
            recorder.setGopSize(spec.fps() * 2);
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            recorder.setVideoBitrate(Math.max(200_000, spec.width() * spec.height() * spec.fps() / 8));
            configureVideoCodec(recorder, codec);
            if (spec.withAudio()) {
                recorder.setSampleRate(SAMPLE_RATE);
                recorder.setAudioBitrate(64_000);
                if (opus) {
                    recorder.setAudioCodecName("libopus");
                } else {
                    recorder.setAudioCodec(AV_CODEC_ID_AAC);
                }
                samples = ShortBuffer.allocate(SAMPLE_RATE / spec.fps() + 2);
            }
            recorder.start();
            long samplesWritten = 0;
            for (int i = 0; i < frames; i++) {
                if (i < blackFrames) {
                    pattern.paintBlack(bgr);
                } else {
                    pattern.paint(bgr, i, frames);
                }
                image.clear();
                image.put(bgr).flip();
                recorder.recordImage(spec.width(), spec.height(), Frame.DEPTH_UBYTE, 3, spec.width() * 3,
                        AV_PIX_FMT_BGR24, image);
                if (samples != null) {
                    long until = (long) (i + 1) * SAMPLE_RATE / spec.fps();
                    samples.clear();
                    for (long s = samplesWritten; s < until; s++) {
                        samples.put((short) (4000 * Math.sin(2 * Math.PI * 440 * s / SAMPLE_RATE)));
                    }
                    samples.flip();
                    recorder.recordSamples(SAMPLE_RATE, 1, samples);
                    samplesWritten = until;
                }
            }
            recorder.stop();
        } finally {
            closeQuietly(recorder);
        }
    }

    /** Copies the packets of {@code source} into a new {@code muxer} file without re-encoding. */
    private static void remux(Path source, Path target, String muxer) throws IOException {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(source.toFile())) {
            grabber.start();
            FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(target.toFile(), grabber.getImageWidth(),
                    grabber.getImageHeight(), grabber.getAudioChannels());
            try {
                recorder.setFormat(muxer);
                recorder.setFrameRate(grabber.getFrameRate());
                recorder.setSampleRate(grabber.getSampleRate());
                recorder.setVideoCodec(grabber.getVideoCodec());
                recorder.setAudioCodec(grabber.getAudioCodec());
                AVFormatContext input = grabber.getFormatContext();
                for (int i = 0; i < input.nb_streams(); i++) {
                    input.streams(i).codecpar().codec_tag(0); // NUT's tags mean nothing to matroska
                }
                recorder.start(input);
                AVPacket packet;
                while ((packet = grabber.grabPacket()) != null) {
                    recorder.recordPacket(packet);
                }
                recorder.stop();
            } finally {
                closeQuietly(recorder);
            }
        }
    }

    static String muxer(String format) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "mp4" -> "mp4";
            case "mov" -> "mov";
            case "mkv", "matroska" -> "matroska";
            case "webm" -> "webm";
            default -> throw new IllegalArgumentException("unsupported container: " + format);
        };
    }

    private static void configureVideoCodec(FFmpegFrameRecorder recorder, String codec) {
        String encoder = switch (codec) {
            case "h264", "avc" -> "libopenh264";
            case "vp8" -> "libvpx";
            case "vp9" -> "libvpx-vp9";
            case "av1" -> "libaom-av1";
            default -> codec;
        };
        if (!hasEncoder(encoder)) {
            // The recorder would silently fall back to the container's default codec.
            throw new IllegalArgumentException("the bundled FFmpeg has no encoder '" + encoder + "' for " + codec);
        }
        switch (encoder) {
            case "libopenh264" -> recorder.setVideoCodecName("libopenh264");
            case "mpeg4" -> {
                recorder.setVideoCodec(AV_CODEC_ID_MPEG4);
                recorder.setVideoQuality(4);
            }
            case "libvpx" -> {
                recorder.setVideoCodecName("libvpx");
                realtimeVpx(recorder);
            }
            case "libvpx-vp9" -> {
                recorder.setVideoCodecName("libvpx-vp9");
                realtimeVpx(recorder);
                recorder.setVideoOption("row-mt", "1");
            }
            case "libaom-av1" -> {
                recorder.setVideoCodecName("libaom-av1");
                recorder.setVideoOption("usage", "realtime");
                recorder.setVideoOption("cpu-used", "8");
            }
            default -> recorder.setVideoCodecName(encoder);
        }
    }

    static boolean hasEncoder(String name) {
        AVCodec found = avcodec_find_encoder_by_name(name);
        return found != null && !found.isNull();
    }

    private static void realtimeVpx(FFmpegFrameRecorder recorder) {
        recorder.setVideoOption("deadline", "realtime");
        recorder.setVideoOption("cpu-used", "8");
        recorder.setVideoOption("lag-in-frames", "0");
    }

    /** Encodes {@code frames} pattern pictures with the given muxer/encoder (webp still, animated gif). */
    private static void encodeStill(Path target, String muxer, String encoder, int pixelFormat, int width, int height,
            int frames) throws IOException {
        TestPattern pattern = new TestPattern(width, height);
        byte[] bgr = new byte[width * height * 3];
        ByteBuffer image = ByteBuffer.allocateDirect(bgr.length);
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(target.toFile(), width, height, 0);
        try {
            recorder.setFormat(muxer);
            recorder.setVideoCodecName(encoder);
            recorder.setPixelFormat(pixelFormat);
            recorder.setFrameRate(10);
            recorder.setVideoQuality(frames == 1 ? 90 : -1);
            recorder.start();
            for (int i = 0; i < frames; i++) {
                pattern.paint(bgr, i * 4, frames * 4);
                image.clear();
                image.put(bgr).flip();
                recorder.recordImage(width, height, Frame.DEPTH_UBYTE, 3, width * 3, AV_PIX_FMT_BGR24, image);
            }
            recorder.stop();
        } finally {
            closeQuietly(recorder);
        }
    }

    private static void prepare(Path target) {
        try {
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.deleteIfExists(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requirePositive(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("width and height must be positive: " + width + "x" + height);
        }
    }

    private static void closeQuietly(FFmpegFrameRecorder recorder) {
        try {
            recorder.release();
        } catch (IOException | RuntimeException ignored) {
            // nothing more to free
        }
    }
}
