package me.klepp.thumbnail.corpus;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.HashMap;
import me.klepp.devstack.media.SampleMedia;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * The test corpus: small, short clips and pictures generated on first use (once per test JVM, shared by the test
 * classes of the module) into a temporary directory, plus the two committed HEVC clips (see
 * {@code src/test/resources/media/README.md}). Everything here is low-resolution so that the whole corpus is
 * made in a few seconds.
 */
public final class Corpus {

    private static final Path DIR = createDir();
    private static final Map<String, Path> FILES = new HashMap<>();

    private Corpus() {
    }

    // ---- videos ------------------------------------------------------------------------------------------------

    /** H.264 1280x720, 25 fps, 6 s: 2 s of black, then a busy picture. MP4 with the index (moov) at the end. */
    public static Path blackIntro() {
        return file("black-intro.mp4", p -> SampleMedia.clipWithBlackIntro(p, 1280, 720, 2.0, 6.0));
    }

    /** H.264 960x540, 25 fps, 8 s, AAC audio; MP4 with the index at the end, as recorders write it. */
    public static Path moovAtEnd() {
        return file("moov-at-end.mp4", p -> SampleMedia.clipWithBlackIntro(p, 960, 540, 0.0, 8.0, true));
    }

    /** {@link #moovAtEnd()} remuxed with the index first (what {@code -movflags +faststart} makes). */
    public static Path faststart() {
        return file("faststart.mp4", p -> remuxFaststart(moovAtEnd(), p));
    }

    /** VP9 640x360, 30 fps, 3 s, Opus audio, WebM. */
    public static Path vp9() {
        return file("vp9.webm", p -> SampleMedia.clip(p, "webm", "vp9", 640, 360, 3, 30, true));
    }

    /** HEVC Main 320x180, 25 fps, 2 s, MP4 (committed: the bundled FFmpeg has no HEVC encoder). */
    public static Path hevc() {
        return resource("hevc-320x180.mp4");
    }

    /** HEVC Main 10 320x180, 30 fps, 2 s, AAC audio, QuickTime: shaped like a phone recording (committed). */
    public static Path hevc10() {
        return resource("hevc10-320x180-aac.mov");
    }

    /**
     * H.264 stored 320x240 with a -90° display matrix (what phones write for portrait): shown 240x320, turned
     * clockwise. Quadrants: top-left red, top-right yellow, bottom-left black, bottom-right green (as stored).
     */
    public static Path portrait() {
        return file("portrait.mp4", Corpus::writePortrait);
    }

    /** A tiny clip (160x90, 1 s) for loops. */
    public static Path tiny() {
        return file("tiny.mp4", p -> SampleMedia.clip(p, "mp4", "h264", 160, 90, 1, 25));
    }

    // ---- pictures ----------------------------------------------------------------------------------------------

    /** {@code png}, {@code jpg}, {@code gif} or {@code webp}, 800x600. */
    public static Path image(String format) {
        return file("shot." + format, p -> SampleMedia.image(p, format, 800, 600));
    }

    /** Animated GIF, 640x480, 6 frames. */
    public static Path animatedGif() {
        return file("animated.gif", p -> SampleMedia.animatedGif(p, 640, 480, 6));
    }

    // ---- bad files ---------------------------------------------------------------------------------------------

    public static Path zeroByte() {
        return file("empty.mp4", p -> write(p, new byte[0]));
    }

    /** A text file named like a clip. */
    public static Path text() {
        return file("notes.mp4", p -> write(p, "this is not a video\n".repeat(200).getBytes(StandardCharsets.UTF_8)));
    }

    /** {@link #moovAtEnd()} cut at 30%: the index is gone with the rest. */
    public static Path truncated() {
        return file("truncated.mp4", p -> write(p, cut(moovAtEnd(), 0.3)));
    }

    /** {@link #faststart()} cut at 40%: the index is there, but promises frames that are not. */
    public static Path truncatedFaststart() {
        return file("truncated-faststart.mp4", p -> write(p, cut(faststart(), 0.4)));
    }

    /** An MP4 file type box followed by noise. */
    public static Path corrupt() {
        return file("corrupt.mp4", p -> {
            byte[] noise = new byte[64 * 1024];
            new Random(7).nextBytes(noise);
            byte[] ftyp = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm',
                'm', 'p', '4', '1'};
            System.arraycopy(ftyp, 0, noise, 0, ftyp.length);
            write(p, noise);
        });
    }

    /** A PNG whose signature and header are fine and whose image data is noise. */
    public static Path corruptPng() {
        return file("corrupt.png", p -> {
            byte[] png = bytes(image("png"));
            Random random = new Random(11);
            for (int i = 64; i < png.length - 16; i++) {
                png[i] = (byte) random.nextInt();
            }
            write(p, png);
        });
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    public static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Not computeIfAbsent: some files are made from others, which would be a recursive update. */
    private static synchronized Path file(String name, FileWriter writer) {
        Path made = FILES.get(name);
        if (made != null) {
            return made;
        }
        Path target = DIR.resolve(name);
        try {
            writer.write(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FILES.put(name, target);
        return target;
    }

    @FunctionalInterface
    private interface FileWriter {
        void write(Path target) throws IOException;
    }

    private static Path resource(String name) {
        return file(name, p -> {
            try (InputStream in = Corpus.class.getResourceAsStream("/media/" + name)) {
                Files.copy(in, p);
            }
        });
    }

    private static void write(Path target, byte[] bytes) {
        try {
            Files.write(target, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] cut(Path source, double fraction) {
        byte[] bytes = bytes(source);
        return Arrays.copyOf(bytes, (int) (bytes.length * fraction));
    }

    private static void writePortrait(Path clip) throws IOException {
        int w = 320;
        int h = 240;
        ByteBuffer quadrants = ByteBuffer.allocateDirect(w * h * 3);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3; // BGR
                quadrants.put(i, (byte) 0).put(i + 1, (byte) (x < w / 2 ? 0 : 255)).put(i + 2, (byte) (y < h / 2 ? 255 : 0));
            }
        }
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(clip.toFile(), w, h, 0)) {
            recorder.setFormat("mp4");
            recorder.setVideoCodecName("libopenh264");
            recorder.setFrameRate(25);
            recorder.setGopSize(25);
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            recorder.setDisplayRotation(-90);
            recorder.start();
            for (int i = 0; i < 50; i++) {
                recorder.recordImage(w, h, Frame.DEPTH_UBYTE, 3, w * 3, AV_PIX_FMT_BGR24, quadrants);
            }
            recorder.stop();
        }
    }

    /** Copies the packets of an MP4 into a new one with the index (moov) before the data. */
    private static void remuxFaststart(Path source, Path target) throws IOException {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(source.toFile())) {
            grabber.start();
            try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(target.toFile(), grabber.getImageWidth(),
                    grabber.getImageHeight(), grabber.getAudioChannels())) {
                recorder.setFormat("mp4");
                recorder.setOption("movflags", "+faststart");
                recorder.setFrameRate(grabber.getFrameRate());
                recorder.setSampleRate(grabber.getSampleRate());
                recorder.setVideoCodec(grabber.getVideoCodec());
                recorder.setAudioCodec(grabber.getAudioCodec());
                AVFormatContext input = grabber.getFormatContext();
                recorder.start(input);
                AVPacket packet;
                while ((packet = grabber.grabPacket()) != null) {
                    recorder.recordPacket(packet);
                }
                recorder.stop();
            }
        }
    }

    private static Path createDir() {
        try {
            Path dir = Files.createTempDirectory("klepp-corpus-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (var files = Files.list(dir)) {
                    files.forEach(f -> f.toFile().delete());
                } catch (IOException ignored) {
                    // a temporary directory
                }
                dir.toFile().delete();
            }, "corpus-cleanup"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
