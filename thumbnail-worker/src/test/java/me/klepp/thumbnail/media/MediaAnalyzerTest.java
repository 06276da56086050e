package me.klepp.thumbnail.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import me.klepp.devstack.media.SampleMedia;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MediaAnalyzerTest {

    private final MediaAnalyzer analyzer = new MediaAnalyzer(480);

    @TempDir
    Path dir;

    // ---- videos ------------------------------------------------------------------------------------------------

    @Test
    void blackIntroClipGetsANonBlackThumbnailAndItsMetadata() throws Exception {
        Path clip = SampleMedia.clipWithBlackIntro(dir.resolve("intro.mp4"), 1280, 720, 2.0, 6.0);

        MediaAnalysis a = analyzer.analyze(clip.toString());

        assertThat(a.kind()).isEqualTo("video");
        assertThat(a.isVideo()).isTrue();
        assertThat(a.durationMs()).isCloseTo(6000L, within(100L));
        assertThat(a.width()).isEqualTo(1280);
        assertThat(a.height()).isEqualTo(720);
        assertThat(a.videoCodec()).isEqualTo("h264");
        assertThat(a.fps()).isCloseTo(25.0, within(0.01));
        assertThat(a.hasAudio()).isFalse();
        assertThat(a.bitrate()).isPositive();
        assertThat(a.thumbnailWidth()).isEqualTo(480);
        assertThat(a.thumbnailHeight()).isEqualTo(270);
        BufferedImage thumbnail = decode(a.thumbnailJpeg());
        assertThat(thumbnail.getWidth()).isEqualTo(480);
        assertThat(thumbnail.getHeight()).isEqualTo(270);
        assertThat(meanLuma(thumbnail)).isGreaterThan(60);
        assertThat(lumaStdDev(thumbnail)).isGreaterThan(15);
    }

    @ParameterizedTest(name = "{0}s black of {1}s")
    @CsvSource({"2.0, 2.6", "4.0, 5.0", "2.0, 30.0"})
    void blackIntroNeverGivesABlackThumbnail(double black, double total) throws Exception {
        Path clip = SampleMedia.clipWithBlackIntro(dir.resolve("intro.mp4"), 320, 180, black, total, true);

        MediaAnalysis a = analyzer.analyze(clip.toString());

        assertThat(a.hasAudio()).isTrue();
        assertThat(a.durationMs()).isCloseTo((long) (total * 1000), within(100L));
        assertThat(meanLuma(decode(a.thumbnailJpeg()))).isGreaterThan(60);
    }

    @Test
    void allBlackClipStillGetsAThumbnail() throws Exception {
        Path clip = SampleMedia.clipWithBlackIntro(dir.resolve("black.mp4"), 320, 240, 3.0, 3.0);

        MediaAnalysis a = analyzer.analyze(clip.toString());

        assertThat(a.kind()).isEqualTo("video");
        assertThat(a.thumbnailWidth()).isEqualTo(320);
        assertThat(meanLuma(decode(a.thumbnailJpeg()))).isLessThan(30);
    }

    @Test
    void hdClipIsScaledToTheMaximumWidthKeepingTheAspectRatio() throws Exception {
        Path clip = SampleMedia.clip(dir.resolve("hd.mp4"), "mp4", "h264", 1280, 720, 2, 25);

        MediaAnalysis a = analyzer.analyze(clip.toString());

        assertThat(a.thumbnailWidth()).isEqualTo(480);
        assertThat(a.thumbnailHeight()).isEqualTo(270);
        BufferedImage thumbnail = decode(a.thumbnailJpeg());
        assertThat(thumbnail.getWidth()).isEqualTo(480);
        assertThat(thumbnail.getHeight()).isEqualTo(270);
    }

    @Test
    void smallClipIsNotUpscaled() throws Exception {
        Path clip = SampleMedia.clip(dir.resolve("small.mp4"), "mp4", "h264", 320, 240, 2, 25);

        MediaAnalysis a = analyzer.analyze(clip.toString());

        assertThat(a.width()).isEqualTo(320);
        assertThat(a.height()).isEqualTo(240);
        assertThat(a.thumbnailWidth()).isEqualTo(320);
        assertThat(a.thumbnailHeight()).isEqualTo(240);
        assertThat(decode(a.thumbnailJpeg()).getWidth()).isEqualTo(320);
    }

    @ParameterizedTest(name = "{0} {1} audio={2}")
    @CsvSource({
        "webm, vp9,   true,  vp9",
        "mkv,  vp8,   true,  vp8",
        "mkv,  h264,  false, h264",
        "mov,  mpeg4, true,  mpeg4",
        "mp4,  mpeg4, false, mpeg4",
        "mp4,  av1,   false, av1",
    })
    void otherContainersAndCodecs(String format, String codec, boolean audio, String expectedCodec) throws Exception {
        Path clip = SampleMedia.clip(dir.resolve("clip." + format), format, codec, 640, 360, 3, 30, audio);

        MediaAnalysis a = analyzer.analyze(clip.toString());

        assertThat(a.kind()).isEqualTo("video");
        assertThat(a.videoCodec()).isEqualTo(expectedCodec);
        assertThat(a.width()).isEqualTo(640);
        assertThat(a.height()).isEqualTo(360);
        assertThat(a.hasAudio()).isEqualTo(audio);
        assertThat(a.durationMs()).isCloseTo(3000L, within(100L));
        assertThat(a.thumbnailWidth()).isEqualTo(480);
        assertThat(a.thumbnailHeight()).isEqualTo(270);
        assertThat(meanLuma(decode(a.thumbnailJpeg()))).isGreaterThan(60);
    }

    @Test
    void rotatedPhoneClipIsReportedAndThumbnailedUpright() throws Exception {
        // 320x240 stored, display matrix -90° (what phones write for portrait): shown as 240x320, turned clockwise
        Path clip = dir.resolve("portrait.mp4");
        int w = 320;
        int h = 240;
        ByteBuffer quadrants = ByteBuffer.allocateDirect(w * h * 3);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3; // top-left red, top-right yellow, bottom-left black, bottom-right green
                quadrants.put(i, (byte) 0).put(i + 1, (byte) (x < w / 2 ? 0 : 255)).put(i + 2, (byte) (y < h / 2 ? 255 : 0));
            }
        }
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(clip.toFile(), w, h, 0)) {
            recorder.setFormat("mp4");
            recorder.setVideoCodecName("libopenh264");
            recorder.setFrameRate(25);
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            recorder.setDisplayRotation(-90);
            recorder.start();
            for (int i = 0; i < 50; i++) {
                recorder.recordImage(w, h, Frame.DEPTH_UBYTE, 3, w * 3, AV_PIX_FMT_BGR24, quadrants);
            }
            recorder.stop();
        }

        MediaAnalysis a = analyzer.analyze(clip.toString());

        assertThat(a.width()).isEqualTo(240);
        assertThat(a.height()).isEqualTo(320);
        assertThat(a.thumbnailWidth()).isEqualTo(240);
        assertThat(a.thumbnailHeight()).isEqualTo(320);
        BufferedImage t = decode(a.thumbnailJpeg());
        // turned clockwise: top-left black (was bottom-left), top-right red (was top-left)
        assertThat(meanLuma(t.getSubimage(20, 20, 80, 100))).isLessThan(30);
        assertThat(t.getRGB(180, 60) & 0xffffff).satisfies(rgb -> {
            assertThat((rgb >> 16) & 0xff).isGreaterThan(200);
            assertThat((rgb >> 8) & 0xff).isLessThan(60);
        });
    }

    // ---- images ------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({"png, png", "jpg, mjpeg", "gif, gif", "webp, webp"})
    void imagesAreDecodedByFfmpeg(String format, String expectedCodec) throws Exception {
        Path image = SampleMedia.image(dir.resolve("shot." + format), format, 800, 600);

        MediaAnalysis a = analyzer.analyze(image.toString());

        assertThat(a.kind()).isEqualTo("image");
        assertThat(a.isImage()).isTrue();
        assertThat(a.width()).isEqualTo(800);
        assertThat(a.height()).isEqualTo(600);
        assertThat(a.videoCodec()).isEqualTo(expectedCodec);
        assertThat(a.durationMs()).isNull();
        assertThat(a.fps()).isNull();
        assertThat(a.hasAudio()).isFalse();
        assertThat(a.thumbnailWidth()).isEqualTo(480);
        assertThat(a.thumbnailHeight()).isEqualTo(360);
        BufferedImage thumbnail = decode(a.thumbnailJpeg());
        assertThat(thumbnail.getWidth()).isEqualTo(480);
        assertThat(lumaStdDev(thumbnail)).isGreaterThan(15);
    }

    @Test
    void imageWithoutExtensionIsRecognisedByContent() throws Exception {
        Path png = SampleMedia.image(dir.resolve("shot.png"), "png", 200, 100);
        Path noExtension = Files.move(png, dir.resolve("upload-1234"));

        MediaAnalysis a = analyzer.analyze(noExtension.toString());

        assertThat(a.kind()).isEqualTo("image");
        assertThat(a.videoCodec()).isEqualTo("png");
        assertThat(a.thumbnailWidth()).isEqualTo(200);
        assertThat(a.thumbnailHeight()).isEqualTo(100);
    }

    @Test
    void animatedGifIsAnImageThumbnailedFromItsFirstFrame() throws Exception {
        Path gif = SampleMedia.animatedGif(dir.resolve("anim.gif"), 640, 480, 6);

        MediaAnalysis a = analyzer.analyze(gif.toString());

        assertThat(a.kind()).isEqualTo("image");
        assertThat(a.durationMs()).isNull();
        assertThat(a.width()).isEqualTo(640);
        assertThat(a.height()).isEqualTo(480);
        assertThat(a.thumbnailWidth()).isEqualTo(480);
        assertThat(a.thumbnailHeight()).isEqualTo(360);
    }

    // ---- URL sources -------------------------------------------------------------------------------------------

    @Test
    void readsAClipFromAnHttpUrlWithRangedRequests() throws Exception {
        Path clip = SampleMedia.clipWithBlackIntro(dir.resolve("remote.mp4"), 1280, 720, 2.0, 5.0, true);
        MediaAnalysis local = analyzer.analyze(clip.toString());

        try (RangeHttpServer server = new RangeHttpServer(dir)) {
            MediaAnalysis remote = analyzer.analyze(server.url("remote.mp4"));

            assertThat(remote.kind()).isEqualTo("video");
            assertThat(remote.durationMs()).isEqualTo(local.durationMs());
            assertThat(remote.width()).isEqualTo(1280);
            assertThat(remote.height()).isEqualTo(720);
            assertThat(remote.videoCodec()).isEqualTo("h264");
            assertThat(remote.hasAudio()).isTrue();
            assertThat(remote.thumbnailWidth()).isEqualTo(480);
            assertThat(meanLuma(decode(remote.thumbnailJpeg()))).isGreaterThan(60);
            // the moov box is at the end: FFmpeg must have asked for byte ranges, not streamed the file
            assertThat(server.requests).anyMatch(r -> r.contains("bytes=") && !r.endsWith("bytes=0-"));
        }
    }

    @Test
    void readsAnImageFromAnHttpUrl() throws Exception {
        SampleMedia.image(dir.resolve("remote.webp"), "webp", 1024, 768);

        try (RangeHttpServer server = new RangeHttpServer(dir)) {
            MediaAnalysis a = analyzer.analyze(server.url("remote.webp"));

            assertThat(a.kind()).isEqualTo("image");
            assertThat(a.width()).isEqualTo(1024);
            assertThat(a.thumbnailHeight()).isEqualTo(360);
        }
    }

    @Test
    void missingRemoteObjectIsAPermanentFailure() throws Exception {
        try (RangeHttpServer server = new RangeHttpServer(dir)) {
            assertThatThrownBy(() -> analyzer.analyze(server.url("gone.mp4")))
                .isInstanceOf(MediaAnalysisException.class)
                .hasMessageContaining("404")
                .satisfies(e -> assertThat(((MediaAnalysisException) e).isRetryable()).isFalse());
        }
    }

    @Test
    void unreachableServerIsRetryable() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/clip.mp4";

        assertThatThrownBy(() -> analyzer.analyze(url))
            .isInstanceOf(MediaAnalysisException.class)
            .satisfies(e -> assertThat(((MediaAnalysisException) e).isRetryable()).isTrue());
    }

    // ---- unusable input ----------------------------------------------------------------------------------------

    @Test
    void zeroByteFileIsRejected() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.mp4"));

        assertThatThrownBy(() -> analyzer.analyze(empty.toString()))
            .isInstanceOf(MediaAnalysisException.class)
            .hasMessage("zero-byte file");
    }

    @Test
    void textFileIsNotMedia() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.mp4"), "this is not a video\n".repeat(200));

        assertThatThrownBy(() -> analyzer.analyze(text.toString()))
            .isInstanceOf(MediaAnalysisException.class)
            .hasMessageContaining("not a media file");
    }

    @Test
    void truncatedClipIsRejected() throws Exception {
        Path clip = SampleMedia.clipWithBlackIntro(dir.resolve("full.mp4"), 640, 360, 1.0, 5.0);
        Path cut = truncate(clip, dir.resolve("cut.mp4"), 0.3);

        assertThatThrownBy(() -> analyzer.analyze(cut.toString()))
            .isInstanceOf(MediaAnalysisException.class)
            .hasMessageContaining("truncated");
    }

    @ParameterizedTest
    @ValueSource(strings = {"webm", "mkv"})
    void truncatedStreamableClipIsRejected(String format) throws Exception {
        // header first: FFmpeg opens it and decodes the start, but most sample points are missing
        Path clip = SampleMedia.clip(dir.resolve("full." + format), format, "vp9", 640, 360, 5, 25, true);
        Path cut = truncate(clip, dir.resolve("cut." + format), 0.3);

        assertThatThrownBy(() -> analyzer.analyze(cut.toString()))
            .isInstanceOf(MediaAnalysisException.class)
            .hasMessageContaining("truncated");
    }

    @Test
    void garbageAfterAValidHeaderDoesNotHangOrCrash() throws Exception {
        Path clip = SampleMedia.clip(dir.resolve("full.mkv"), "mkv", "h264", 640, 360, 3, 25);
        byte[] bytes = Files.readAllBytes(clip);
        java.util.Random random = new java.util.Random(42);
        for (int i = 4096; i < bytes.length; i += 97) {
            bytes[i] = (byte) random.nextInt();
        }
        Path damaged = Files.write(dir.resolve("damaged.mkv"), bytes);

        try {
            MediaAnalysis a = analyzer.analyze(damaged.toString());
            assertThat(a.thumbnailJpeg()).isNotEmpty();
        } catch (MediaAnalysisException expected) {
            assertThat(expected).hasMessageNotContaining("null");
        }
    }

    @Test
    void audioOnlyFileHasNoVideoStream() throws Exception {
        Path audio = dir.resolve("voice.mkv");
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(audio.toFile(), 1)) {
            recorder.setFormat("matroska");
            recorder.setAudioCodecName("libopus");
            recorder.setSampleRate(48_000);
            recorder.start();
            recorder.recordSamples(48_000, 1, java.nio.ShortBuffer.wrap(new short[48_000]));
            recorder.stop();
        }

        assertThatThrownBy(() -> analyzer.analyze(audio.toString()))
            .isInstanceOf(MediaAnalysisException.class)
            .hasMessageContaining("no video stream");
    }

    @Test
    void missingFileAndOtherSchemesAreRejected() {
        assertThatThrownBy(() -> analyzer.analyze(dir.resolve("nope.mp4").toString()))
            .isInstanceOf(MediaAnalysisException.class)
            .hasMessageContaining("file not found");
        // not a protocol for FFmpeg: only plain paths and http(s) URLs are accepted
        assertThatThrownBy(() -> analyzer.analyze("concat:" + dir.resolve("a.mp4") + "|" + dir.resolve("b.mp4")))
            .isInstanceOf(MediaAnalysisException.class)
            .hasMessageContaining("file not found");
    }

    @Test
    void playlistsAreNotFollowed() throws Exception {
        // An HLS playlist (by name, or over HTTP by an uploader-chosen Content-Type) would make FFmpeg open the
        // files or URLs it lists; the demuxer whitelist refuses it.
        SampleMedia.clip(dir.resolve("inner.mp4"), "mp4", "h264", 320, 240, 2, 25);
        Path playlist = Files.writeString(dir.resolve("evil.m3u8"),
                "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\ninner.mp4\n#EXT-X-ENDLIST\n");

        assertThatThrownBy(() -> analyzer.analyze(playlist.toString()))
            .isInstanceOf(MediaAnalysisException.class)
            .hasMessageContaining("not a supported media format");
    }

    @Test
    void rejectsANonPositiveMaximumWidth() {
        assertThatThrownBy(() -> new MediaAnalyzer(0)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static Path truncate(Path source, Path target, double fraction) throws IOException {
        byte[] bytes = Files.readAllBytes(source);
        return Files.write(target, Arrays.copyOf(bytes, (int) (bytes.length * fraction)));
    }

    static BufferedImage decode(byte[] jpeg) throws IOException {
        assertThat(jpeg).startsWith((byte) 0xFF, (byte) 0xD8);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertThat(image).as("decodable JPEG").isNotNull();
        return image;
    }

    static double meanLuma(BufferedImage image) {
        double sum = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                sum += luma(image.getRGB(x, y));
            }
        }
        return sum / (image.getWidth() * image.getHeight());
    }

    static double lumaStdDev(BufferedImage image) {
        double mean = meanLuma(image);
        double sum = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                double d = luma(image.getRGB(x, y)) - mean;
                sum += d * d;
            }
        }
        return Math.sqrt(sum / (image.getWidth() * image.getHeight()));
    }

    private static double luma(int rgb) {
        return 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
    }
}
