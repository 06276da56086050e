package me.klepp.thumbnail.media;

import static me.klepp.thumbnail.media.Images.assertNotBlack;
import static me.klepp.thumbnail.media.Images.assertRed;
import static me.klepp.thumbnail.media.Images.meanLuma;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import me.klepp.devstack.media.SampleMedia;
import me.klepp.thumbnail.corpus.Corpus;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hover previews, read back with FFmpeg as a browser would play them. */
class PreviewMakerTest {

    private final MediaAnalyzer analyzer = new MediaAnalyzer(1280, 480, Limits.DEFAULT);
    private final PreviewMaker previews = new PreviewMaker(Duration.ofSeconds(3), 480, 30, Limits.DEFAULT);

    @TempDir
    Path dir;

    @Test
    void threeMutedSecondsFromThePosterFrameOn() throws Exception {
        Preview preview = preview(Corpus.blackIntro()).orElseThrow();

        assertThat(preview.width()).isEqualTo(480);
        assertThat(preview.height()).isEqualTo(270);
        assertThat(preview.durationMs()).isCloseTo(3000L, within(100L));
        Played played = play(preview);
        assertThat(played.codec).isEqualTo("h264");
        assertThat(played.hasAudio).isFalse();
        assertThat(played.width).isEqualTo(480);
        assertThat(played.height).isEqualTo(270);
        assertThat(played.durationMs).isCloseTo(3000L, within(100L));
        assertThat(played.faststart).as("index before the data").isTrue();
        assertNotBlack(played.first); // starts where the poster was taken: after the black intro
        assertThat(preview.mp4().length).isLessThan(400_000);
    }

    @Test
    void fastClipsDropToThePreviewFrameRate() throws Exception {
        Path clip = SampleMedia.clip(dir.resolve("sixty.mp4"), "mp4", "h264", 320, 180, 4, 60);

        Preview preview = preview(clip).orElseThrow();

        Played played = play(preview);
        assertThat(played.fps).isCloseTo(30.0, within(0.01));
        assertThat(played.frames).isBetween(88, 91);
        assertThat(played.width).isEqualTo(320);
    }

    @Test
    void aClipShorterThanThePreviewIsShownWhole() throws Exception {
        Preview preview = preview(Corpus.hevc10()).orElseThrow();

        assertThat(preview.durationMs()).isCloseTo(2000L, within(100L));
        assertThat(play(preview).width).isEqualTo(320);
    }

    @Test
    void portraitClipsArePreviewedUpright() throws Exception {
        Preview preview = preview(Corpus.portrait()).orElseThrow();

        assertThat(preview.width()).isEqualTo(240);
        assertThat(preview.height()).isEqualTo(320);
        Played played = play(preview);
        assertThat(meanLuma(played.first.getSubimage(20, 20, 80, 100))).isLessThan(40);
        assertRed(played.first, 180, 60);
    }

    @Test
    void imagesHaveNoPreview() throws Exception {
        assertThat(preview(Corpus.image("png"))).isEmpty();
    }

    @Test
    void noTimeLeftMeansNoPreviewRatherThanAFailedJob() throws Exception {
        MediaAnalysis analysis = analyzer.analyze(MediaSource.file(Corpus.blackIntro()), Deadline.none());

        assertThat(previews.make(MediaSource.file(Corpus.blackIntro()), analysis, Deadline.after(Duration.ZERO)))
            .isEmpty();
    }

    private Optional<Preview> preview(Path file) throws Exception {
        try (MediaSource source = MediaSource.file(file)) {
            return previews.make(source, analyzer.analyze(source, Deadline.none()), Deadline.none());
        }
    }

    private record Played(String codec, boolean hasAudio, int width, int height, double fps, long durationMs,
            int frames, boolean faststart, BufferedImage first) {
    }

    private Played play(Preview preview) throws Exception {
        Path file = Files.write(dir.resolve("preview.mp4"), preview.mp4());
        // an MP4 box is size + type: after "ftyp" comes "moov" when the index is first
        int ftypSize = java.nio.ByteBuffer.wrap(preview.mp4(), 0, 4).getInt();
        boolean faststart = new String(preview.mp4(), ftypSize + 4, 4, java.nio.charset.StandardCharsets.US_ASCII)
            .equals("moov");
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            grabber.start();
            BufferedImage first = null;
            int frames = 0;
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                if (first == null) {
                    first = deepCopy(converter.convert(frame));
                }
                frames++;
            }
            return new Played(grabber.getVideoCodecName(), grabber.hasAudio(), grabber.getImageWidth(),
                    grabber.getImageHeight(), grabber.getVideoFrameRate(), grabber.getLengthInTime() / 1000, frames,
                    faststart, first);
        }
    }

    private static BufferedImage deepCopy(BufferedImage image) {
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        copy.getGraphics().drawImage(image, 0, 0, null);
        return copy;
    }
}
