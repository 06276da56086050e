package me.klepp.thumbnail.media;

import static me.klepp.thumbnail.media.Images.assertNotBlack;
import static me.klepp.thumbnail.media.Images.assertRed;
import static me.klepp.thumbnail.media.Images.decode;
import static me.klepp.thumbnail.media.Images.meanLuma;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import me.klepp.devstack.media.SampleMedia;
import me.klepp.thumbnail.corpus.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Posters, thumbnails and metadata of the generated corpus (see {@link Corpus}). */
class MediaAnalyzerTest {

    private final MediaAnalyzer analyzer = new MediaAnalyzer(1280, 480, Limits.DEFAULT);

    @TempDir
    Path dir;

    // ---- videos ------------------------------------------------------------------------------------------------

    @Test
    void blackIntroClipGetsANonBlackPosterFromAfterTheIntro() throws Exception {
        MediaAnalysis a = analyze(Corpus.blackIntro());

        assertThat(a.kind()).isEqualTo("video");
        assertThat(a.durationMs()).isCloseTo(6000L, within(100L));
        assertThat(a.width()).isEqualTo(1280);
        assertThat(a.height()).isEqualTo(720);
        assertThat(a.videoCodec()).isEqualTo("h264");
        assertThat(a.fps()).isCloseTo(25.0, within(0.01));
        assertThat(a.hasAudio()).isFalse();
        assertThat(a.bitrate()).isPositive();
        assertThat(a.rotation()).isZero();
        assertSizes(a, 1280, 720, 480, 270);
        // a keyframe (every 2 s here), not a frame decoded on to from one
        assertThat(a.frameTimestampUs()).isIn(2_000_000L, 4_000_000L);
        assertNotBlack(decode(a.poster().jpeg()));
        assertNotBlack(decode(a.thumbnail().jpeg()));
    }

    @ParameterizedTest(name = "{0}s black of {1}s")
    @CsvSource({"2.0, 2.6", "4.0, 5.0", "2.0, 30.0"})
    void blackIntroNeverGivesABlackPoster(double black, double total) throws Exception {
        Path clip = SampleMedia.clipWithBlackIntro(dir.resolve("intro.mp4"), 320, 180, black, total, true);

        MediaAnalysis a = analyze(clip);

        assertThat(a.hasAudio()).isTrue();
        assertThat(a.durationMs()).isCloseTo((long) (total * 1000), within(100L));
        assertNotBlack(decode(a.poster().jpeg()));
    }

    @Test
    void allBlackClipStillGetsAPoster() throws Exception {
        Path clip = SampleMedia.clipWithBlackIntro(dir.resolve("black.mp4"), 320, 240, 3.0, 3.0);

        MediaAnalysis a = analyze(clip);

        assertSizes(a, 320, 240, 320, 240);
        assertThat(meanLuma(decode(a.poster().jpeg()))).isLessThan(30);
    }

    @Test
    void theIndexAtTheEndOrFirstGivesTheSameResultReadingLittleOfTheFile() throws Exception {
        ReadCount atEnd = new ReadCount(Corpus.moovAtEnd());
        ReadCount first = new ReadCount(Corpus.faststart());

        MediaAnalysis a = analyzer.analyze(atEnd.source, Deadline.none());
        MediaAnalysis b = analyzer.analyze(first.source, Deadline.none());

        for (MediaAnalysis m : new MediaAnalysis[] {a, b}) {
            assertThat(m.videoCodec()).isEqualTo("h264");
            assertThat(m.width()).isEqualTo(960);
            assertThat(m.height()).isEqualTo(540);
            assertThat(m.durationMs()).isCloseTo(8000L, within(100L));
            assertThat(m.hasAudio()).isTrue();
            assertSizes(m, 960, 540, 480, 270);
            assertNotBlack(decode(m.poster().jpeg()));
        }
        assertThat(b.poster()).isEqualTo(a.poster());
        // the index and the keyframes (all four of this short clip, about 8% of it), nothing in between
        assertThat(atEnd.fraction()).isLessThan(0.12);
        assertThat(first.fraction()).isLessThan(0.12);
    }

    @Test
    void vp9WebmWithAudio() throws Exception {
        MediaAnalysis a = analyze(Corpus.vp9());

        assertThat(a.videoCodec()).isEqualTo("vp9");
        assertThat(a.width()).isEqualTo(640);
        assertThat(a.height()).isEqualTo(360);
        assertThat(a.fps()).isCloseTo(30.0, within(0.01));
        assertThat(a.hasAudio()).isTrue();
        assertThat(a.durationMs()).isCloseTo(3000L, within(100L));
        assertSizes(a, 640, 360, 480, 270);
        assertNotBlack(decode(a.poster().jpeg()));
    }

    @Test
    void hevcMp4() throws Exception {
        MediaAnalysis a = analyze(Corpus.hevc());

        assertThat(a.videoCodec()).isEqualTo("hevc");
        assertThat(a.width()).isEqualTo(320);
        assertThat(a.height()).isEqualTo(180);
        assertThat(a.fps()).isCloseTo(25.0, within(0.01));
        assertThat(a.hasAudio()).isFalse();
        assertThat(a.durationMs()).isCloseTo(2000L, within(100L));
        assertSizes(a, 320, 180, 320, 180);
        assertNotBlack(decode(a.poster().jpeg()));
    }

    @Test
    void tenBitHevcQuickTimeWithAudioAsPhonesRecordIt() throws Exception {
        MediaAnalysis a = analyze(Corpus.hevc10());

        assertThat(a.videoCodec()).isEqualTo("hevc");
        assertThat(a.width()).isEqualTo(320);
        assertThat(a.height()).isEqualTo(180); // coded as 184: HEVC pads to whole blocks
        assertThat(a.fps()).isCloseTo(30.0, within(0.01));
        assertThat(a.hasAudio()).isTrue();
        assertThat(a.durationMs()).isCloseTo(2000L, within(100L));
        assertSizes(a, 320, 180, 320, 180);
        assertNotBlack(decode(a.poster().jpeg()));
    }

    @Test
    void rotatedPhoneClipIsReportedAndPicturedUpright() throws Exception {
        MediaAnalysis a = analyze(Corpus.portrait());

        assertThat(a.width()).isEqualTo(240);
        assertThat(a.height()).isEqualTo(320);
        assertThat(a.rotation()).isEqualTo(90);
        assertSizes(a, 240, 320, 240, 320);
        for (Still still : new Still[] {a.poster(), a.thumbnail()}) {
            BufferedImage t = decode(still.jpeg());
            // turned clockwise: top-left black (was bottom-left), top-right red (was top-left)
            assertThat(meanLuma(t.getSubimage(20, 20, 80, 100))).isLessThan(30);
            assertRed(t, 180, 60);
        }
    }

    @Test
    void posterIsAtMostThePosterWidth() throws Exception {
        MediaAnalysis a = new MediaAnalyzer(640, 320, Limits.DEFAULT).analyze(MediaSource.file(Corpus.blackIntro()),
                Deadline.none());

        assertSizes(a, 640, 360, 320, 180);
        assertThat(a.width()).isEqualTo(1280);
    }

    // ---- images ------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({"png, png", "jpg, mjpeg", "gif, gif", "webp, webp"})
    void imagesGetAPosterAndAThumbnail(String format, String expectedCodec) throws Exception {
        MediaAnalysis a = analyze(Corpus.image(format));

        assertThat(a.kind()).isEqualTo("image");
        assertThat(a.width()).isEqualTo(800);
        assertThat(a.height()).isEqualTo(600);
        assertThat(a.videoCodec()).isEqualTo(expectedCodec);
        assertThat(a.durationMs()).isNull();
        assertThat(a.fps()).isNull();
        assertThat(a.bitrate()).isNull();
        assertThat(a.hasAudio()).isFalse();
        assertThat(a.frameTimestampUs()).isEqualTo(-1);
        assertSizes(a, 800, 600, 480, 360);
        assertNotBlack(decode(a.thumbnail().jpeg()));
    }

    @Test
    void largeScreenshotIsScaledToThePosterWidth() throws Exception {
        Path wide = SampleMedia.image(dir.resolve("ultrawide.png"), "png", 2560, 1080);

        MediaAnalysis a = analyze(wide);

        assertSizes(a, 1280, 540, 480, 203);
    }

    @Test
    void imageWithoutExtensionIsRecognisedByContent() throws Exception {
        Path noExtension = Files.copy(Corpus.image("png"), dir.resolve("upload-1234"));

        MediaAnalysis a = analyze(noExtension);

        assertThat(a.kind()).isEqualTo("image");
        assertThat(a.videoCodec()).isEqualTo("png");
    }

    @Test
    void animatedGifIsAnImagePicturedByItsFirstFrame() throws Exception {
        MediaAnalysis a = analyze(Corpus.animatedGif());

        assertThat(a.kind()).isEqualTo("image");
        assertThat(a.durationMs()).isNull();
        assertThat(a.width()).isEqualTo(640);
        assertThat(a.height()).isEqualTo(480);
        assertSizes(a, 640, 480, 480, 360);
    }

    // ---- unusable input ----------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "zero-byte   | zero-byte file",
        "text        | not a media file",
        "truncated   | not a media file, or truncated/corrupt",
        "faststart   | truncated or corrupt video",
        "corrupt     | not a media file",
        "corrupt-png | no decodable picture",
    })
    void badFilesFailForGoodWithAReason(String which, String reason) {
        Path file = switch (which) {
            case "zero-byte" -> Corpus.zeroByte();
            case "text" -> Corpus.text();
            case "truncated" -> Corpus.truncated();
            case "faststart" -> Corpus.truncatedFaststart();
            case "corrupt" -> Corpus.corrupt();
            case "corrupt-png" -> Corpus.corruptPng();
            default -> throw new IllegalArgumentException(which);
        };

        assertThatThrownBy(() -> analyze(file))
            .isInstanceOf(MediaAnalysisException.class)
            .hasMessageContaining(reason)
            .satisfies(e -> assertThat(((MediaAnalysisException) e).isRetryable()).isFalse());
    }

    @ParameterizedTest
    @CsvSource({"webm", "mkv"})
    void truncatedStreamableClipIsRejected(String format) throws Exception {
        // header first: FFmpeg opens it and decodes the start, but most sample points are missing
        Path clip = SampleMedia.clip(dir.resolve("full." + format), format, "vp9", 640, 360, 5, 25, true);
        byte[] bytes = Files.readAllBytes(clip);
        Path cut = Files.write(dir.resolve("cut." + format), java.util.Arrays.copyOf(bytes, bytes.length * 3 / 10));

        assertThatThrownBy(() -> analyze(cut))
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
            MediaAnalysis a = analyze(damaged);
            assertThat(a.poster().jpeg()).isNotEmpty();
        } catch (MediaAnalysisException expected) {
            assertThat(expected).hasMessageNotContaining("null");
        }
    }

    @Test
    void audioOnlyFileHasNoVideoStream() throws Exception {
        Path audio = dir.resolve("voice.mkv");
        try (var recorder = new org.bytedeco.javacv.FFmpegFrameRecorder(audio.toFile(), 1)) {
            recorder.setFormat("matroska");
            recorder.setAudioCodecName("libopus");
            recorder.setSampleRate(48_000);
            recorder.start();
            recorder.recordSamples(48_000, 1, java.nio.ShortBuffer.wrap(new short[48_000]));
            recorder.stop();
        }

        assertThatThrownBy(() -> analyze(audio))
            .isInstanceOf(MediaAnalysisException.class)
            .hasMessageContaining("no video stream");
    }

    @Test
    void playlistsAreNotFollowed() throws Exception {
        // An HLS playlist would make FFmpeg open the files or URLs it lists. FFmpeg only takes a file for a playlist
        // by its name (which it never sees here), and no protocol is allowed to open anything besides the upload.
        Files.copy(Corpus.tiny(), dir.resolve("inner.mp4"));
        Path playlist = Files.writeString(dir.resolve("evil.m3u8"),
                "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\ninner.mp4\n#EXT-X-ENDLIST\n");

        assertThatThrownBy(() -> analyze(playlist))
            .isInstanceOf(MediaAnalysisException.class)
            .hasMessage("not a media file (content not recognised)");
    }

    @Test
    void missingFileIsRejected() {
        assertThatThrownBy(() -> analyze(dir.resolve("nope.mp4")))
            .isInstanceOf(MediaAnalysisException.class)
            .hasMessageContaining("file not found");
    }

    // ---- limits ------------------------------------------------------------------------------------------------

    @Test
    void picturesBeyondThePixelLimitFailForGood() {
        MediaAnalyzer strict = new MediaAnalyzer(1280, 480, new Limits(800L * 600 - 1, Duration.ofHours(1)));

        assertThatThrownBy(() -> strict.analyze(MediaSource.file(Corpus.image("png")), Deadline.none()))
            .isInstanceOf(MediaAnalysisException.class)
            .hasMessage("picture too large: 800x600 is more than 479999 pixels")
            .satisfies(e -> assertThat(((MediaAnalysisException) e).isRetryable()).isFalse());
    }

    @Test
    void clipsBeyondTheDurationLimitFailForGood() {
        MediaAnalyzer strict = new MediaAnalyzer(1280, 480, new Limits(36_000_000L, Duration.ofSeconds(5)));

        assertThatThrownBy(() -> strict.analyze(MediaSource.file(Corpus.blackIntro()), Deadline.none()))
            .isInstanceOf(MediaAnalysisException.class)
            .hasMessage("clip too long: 6 s is more than 5 s");
    }

    @Test
    void aJobOutOfTimeStopsAndMayBeRetried() {
        assertThatThrownBy(() -> analyzer.analyze(MediaSource.file(Corpus.blackIntro()), Deadline.after(Duration.ZERO)))
            .isInstanceOf(MediaAnalysisException.class)
            .hasMessageStartingWith("timed out after 0 s while")
            .satisfies(e -> assertThat(((MediaAnalysisException) e).isRetryable()).isTrue());
    }

    @Test
    void aFailedReadIsRetryableNotAVerdictOnTheFile() throws Exception {
        // storage that fails after the index and a keyframe, as S3 does when it becomes unreachable mid-job
        MediaSource file = MediaSource.file(Corpus.faststart());
        MediaSource failing = new FailingSource(file, 32 * 1024);

        assertThatThrownBy(() -> analyzer.analyze(failing, Deadline.none()))
            .isInstanceOf(MediaAnalysisException.class)
            .hasMessageContaining("reading the upload failed: connection reset")
            .satisfies(e -> assertThat(((MediaAnalysisException) e).isRetryable()).isTrue());
    }

    @Test
    void rejectsImpossibleSizes() {
        assertThatThrownBy(() -> new MediaAnalyzer(480, 0, Limits.DEFAULT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MediaAnalyzer(320, 480, Limits.DEFAULT))
            .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private MediaAnalysis analyze(Path file) throws Exception {
        try (MediaSource source = MediaSource.file(file)) {
            return analyzer.analyze(source, Deadline.none());
        }
    }

    private static void assertSizes(MediaAnalysis a, int posterWidth, int posterHeight, int thumbWidth,
            int thumbHeight) {
        assertThat(a.poster().width()).as("poster width").isEqualTo(posterWidth);
        assertThat(a.poster().height()).as("poster height").isEqualTo(posterHeight);
        assertThat(a.thumbnail().width()).as("thumbnail width").isEqualTo(thumbWidth);
        assertThat(a.thumbnail().height()).as("thumbnail height").isEqualTo(thumbHeight);
        BufferedImage poster = decode(a.poster().jpeg());
        assertThat(poster.getWidth()).isEqualTo(posterWidth);
        assertThat(poster.getHeight()).isEqualTo(posterHeight);
        BufferedImage thumbnail = decode(a.thumbnail().jpeg());
        assertThat(thumbnail.getWidth()).isEqualTo(thumbWidth);
        assertThat(thumbnail.getHeight()).isEqualTo(thumbHeight);
    }

    /** A file source and how much of the file it handed out. */
    private static final class ReadCount {
        final MediaSource source;

        ReadCount(Path file) throws MediaAnalysisException {
            source = MediaSource.file(file);
        }

        double fraction() {
            return (double) source.bytesRead() / source.size();
        }
    }

    /** Fault injection: a source whose reads fail past a byte count. */
    private record FailingSource(MediaSource inner, long failAfter) implements MediaSource {

        @Override
        public long size() {
            return inner.size();
        }

        @Override
        public int read(long position, byte[] buffer, int offset, int length) throws java.io.IOException {
            if (inner.bytesRead() >= failAfter) {
                throw new java.io.IOException("connection reset");
            }
            return inner.read(position, buffer, offset, length);
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public long bytesRead() {
            return inner.bytesRead();
        }
    }
}
