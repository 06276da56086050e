package me.klepp.rendition.playback;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Every kind of clip a friend uploads comes out as what browsers play: the decision the policy took, and the file
 * made decoded back (H.264 4:2:0 8-bit, index first, as long as the source, shown at the source's size, audio
 * when the source has it).
 */
class RenditionsTest {

	@TempDir
	Path dir;

	private final Renditions renditions = new Renditions(RenditionProperties.defaults());

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|', value = {
		"h264 mp4, faststart, aac      | ORIGINAL  | 320 | 180 | true",
		"h264 mp4, faststart           | ORIGINAL  | 320 | 180 | false",
		"h264 mp4, index last, aac     | REMUX     | 320 | 180 | true",
		"h264 mkv, variable frame rate | REMUX     | 320 | 180 | false",
		"h264 mkv                      | REMUX     | 320 | 180 | false",
		"h264 mov, aac                 | REMUX     | 320 | 180 | true",
		"h264 mov, rotated             | REMUX     | 240 | 320 | true",
		"h264 mkv, opus                | TRANSCODE | 320 | 180 | true",
		"h264 mkv, 0.5 s               | REMUX     | 320 | 180 | false",
		"h264 4:4:4 mkv, odd size      | TRANSCODE | 320 | 180 | false",
		"hevc mp4                      | TRANSCODE | 320 | 180 | false",
		"hevc mkv                      | TRANSCODE | 320 | 180 | true",
		"hevc 10-bit mkv               | TRANSCODE | 320 | 180 | false",
		"hevc 10-bit mp4, aac          | TRANSCODE | 320 | 180 | true",
		"hevc mp4, variable frame rate | TRANSCODE | 320 | 180 | false",
		"hevc 10-bit mov, aac          | TRANSCODE | 320 | 180 | true",
		"hevc hdr pq mkv               | TRANSCODE | 320 | 180 | false",
		"vp9 webm, opus                | TRANSCODE | 320 | 180 | true",
		"av1 webm                      | TRANSCODE | 320 | 180 | false",
	})
	void everyClipComesOutPlayable(String clip, Decision.Way way, int width, int height, boolean audio)
			throws Exception {
		Path source = corpus(clip);
		SourceProbe original = Probes.probe(source);

		Rendition rendition = renditions.make(source, dir.resolve("playable.mp4"));

		assertThat(rendition.decision().way()).as(rendition.decision().reason()).isEqualTo(way);
		// the original itself is the playable file when it is web-safe
		SourceProbe made = Probes.probe(way == Decision.Way.ORIGINAL ? source : rendition.file());
		assertThat(made.videoCodec()).isEqualTo("h264");
		assertThat(made.pixelFormat()).isIn("yuv420p", "yuvj420p");
		assertThat(made.mp4()).as("an MP4, not QuickTime or Matroska").isTrue();
		assertThat(made.indexFirst()).as("index before the media data").isTrue();
		assertThat(made.hdr()).isFalse();
		assertThat(made.displayWidth()).isEqualTo(width);
		assertThat(made.displayHeight()).isEqualTo(height);
		assertThat(rendition.width()).isEqualTo(width);
		assertThat(rendition.height()).isEqualTo(height);
		assertThat(made.durationUs() / 1e6).as("duration, s").isCloseTo(original.durationUs() / 1e6, within(0.1));
		assertThat(made.hasAudio()).as("audio").isEqualTo(audio);
		if (audio) {
			assertThat(made.audioCodec()).isEqualTo("aac");
		}
		assertThat(rendition.sizeBytes()).isPositive();
	}

	@Test
	void aWebSafeMp4IsServedAsItIs() throws Exception {
		Path remuxed = renditions.make(corpus("h264 mp4, index last, aac"), dir.resolve("faststart.mp4")).file();

		Rendition again = renditions.make(remuxed, dir.resolve("unused.mp4"));

		assertThat(again.decision().way()).isEqualTo(Decision.Way.ORIGINAL);
		assertThat(again.file()).isNull();
		assertThat(dir.resolve("unused.mp4")).doesNotExist();
		assertThat(again.sizeBytes()).isEqualTo(java.nio.file.Files.size(remuxed));
	}

	@Test
	void aRemuxWritesTheIndexFirstAndStillDoesWhenTheSpaceKeptForItIsTooSmall() throws Exception {
		Path source = corpus("h264 mp4, index last, aac");
		SourceProbe probe = Probes.probe(source);
		assertThat(Remuxer.indexReserve(probe)).as("space kept for a 2 s clip's index").isBetween(64 * 1024L, 80 * 1024L);

		for (long reserve : new long[] { Remuxer.indexReserve(probe), 256 }) {
			Path target = dir.resolve("remuxed-" + reserve + ".mp4");
			Remuxer.remux(source, probe, target, TimeLimit.start(java.time.Duration.ofMinutes(1)), reserve);

			SourceProbe made = Probes.probe(target);
			assertThat(made.indexFirst()).as("index first with %d bytes kept for it", reserve).isTrue();
			assertThat(made.durationUs() / 1e6).isCloseTo(probe.durationUs() / 1e6, within(0.1));
			assertThat(made.hasAudio()).isTrue();
		}
	}

	@Test
	void aTranscodeSaysHowFarItGotAndARemuxNeedsNot() throws Exception {
		Renditions reporting = new Renditions(new RenditionProperties(null, null, null, null, null, null, null, null,
				null, java.time.Duration.ZERO));
		java.util.List<Integer> reported = new java.util.concurrent.CopyOnWriteArrayList<>();

		reporting.make(corpus("hevc mkv"), dir.resolve("p.mp4"), reported::add);

		assertThat(reported).as("percentages of the clip done").isNotEmpty().isSorted().doesNotHaveDuplicates()
			.allMatch(percent -> percent >= 10 && percent <= 100 && percent % 10 == 0);
		assertThat(reported.get(reported.size() - 1)).isGreaterThanOrEqualTo(90);
		reported.clear();
		reporting.make(corpus("h264 mkv"), dir.resolve("r.mp4"), reported::add);
		assertThat(reported).as("a remux takes as long as a copy").isEmpty();
	}

	@Test
	void aTranscodeIsCappedInSizeAndFrameRateAndNeverUpscaled() throws Exception {
		Path big = Clips.generated(dir, "big.mkv", "mkv", "vp9", 640, 360, 1, 50, false);
		Renditions capped = new Renditions(new RenditionProperties(180, 25, null, null, null, null, null, null, null, null));

		Rendition rendition = capped.make(big, dir.resolve("capped.mp4"));

		SourceProbe made = Probes.probe(rendition.file());
		assertThat(made.width()).isEqualTo(320);
		assertThat(made.height()).isEqualTo(180);
		assertThat(made.fps()).isCloseTo(25, within(0.5));
		Rendition small = capped.make(Clips.committed("hevc-320x180.mp4"), dir.resolve("small.mp4"));
		assertThat(small.width()).as("never upscaled").isEqualTo(320);
	}

	@Test
	void somethingThatIsNotAVideoIsRefusedWithAReason() {
		assertThatThrownBy(() -> renditions.make(Clips.text(dir), dir.resolve("x.mp4")))
			.isInstanceOf(RenditionException.class)
			.hasMessageStartingWith("not a video FFmpeg can open");
	}

	@Test
	void anEmptyOrCutOffUploadIsRefusedWithAReasonAndNothingIsWritten() throws Exception {
		Path empty = java.nio.file.Files.createFile(dir.resolve("empty.mkv"));
		// an MP4 with its index last, cut in half: the index is gone
		Path cutOff = Clips.truncated(dir, corpus("h264 mp4, index last, aac"));

		for (Path bad : java.util.List.of(empty, cutOff)) {
			Path target = dir.resolve("from-" + bad.getFileName() + ".mp4");
			assertThatThrownBy(() -> renditions.make(bad, target)).as(bad.getFileName().toString())
				.isInstanceOf(RenditionException.class)
				.satisfies(e -> assertThat(((RenditionException) e).isRetryable()).as("retrying gives the same").isFalse())
				.hasMessageStartingWith("not a video FFmpeg can open");
			assertThat(target).doesNotExist();
		}
	}

	private Path corpus(String clip) {
		return switch (clip.trim()) {
			case "h264 mp4, faststart, aac" -> Clips.cli(dir, "fa.mp4", "320x180", 25, true, "-c:v", "libx264",
					"-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", "-movflags", "+faststart");
			case "h264 mp4, faststart" -> Clips.cli(dir, "f.mp4", "320x180", 30, false, "-c:v", "libx264", "-pix_fmt",
					"yuv420p", "-movflags", "+faststart");
			case "h264 mp4, index last, aac" -> Clips.generated(dir, "a.mp4", "mp4", "h264", 320, 180, 2, 25, true);
			// x264 with B-frames (as OBS records) and frames dropped unevenly, as when the game stutters
			case "h264 mkv, variable frame rate" -> Clips.cli(dir, "vfr.mkv", "320x180", 60, false, "-vf",
					"select='not(mod(n,4))+between(n,30,50)+gt(mod(n,7),4)'", "-fps_mode", "vfr",
					"-c:v", "libx264", "-pix_fmt", "yuv420p");
			case "h264 mkv" -> Clips.generated(dir, "b.mkv", "mkv", "h264", 320, 180, 2, 25, false);
			case "h264 mov, aac" -> Clips.generated(dir, "c.mov", "mov", "h264", 320, 180, 2, 25, true);
			case "h264 mov, rotated" -> Clips.committed("h264-rotated-320x240.mov");
			case "h264 mkv, opus" -> Clips.generated(dir, "d.mkv", "mkv", "h264", 320, 180, 2, 25, true);
			case "h264 mkv, 0.5 s" -> Clips.generated(dir, "e.mkv", "mkv", "h264", 320, 180, 0.5, 30, false);
			case "h264 4:4:4 mkv, odd size" -> Clips.committed("h264-444-odd-321x181.mkv");
			case "hevc mp4" -> Clips.committed("hevc-320x180.mp4");
			case "hevc mkv" -> Clips.cli(dir, "h.mkv", "320x180", 30, true, "-c:v", "libx265", "-x265-params",
					"log-level=error", "-pix_fmt", "yuv420p", "-c:a", "libopus", "-shortest");
			case "hevc 10-bit mkv" -> Clips.cli(dir, "h10.mkv", "320x180", 60, false, "-c:v", "libx265",
					"-x265-params", "log-level=error", "-pix_fmt", "yuv420p10le");
			case "hevc 10-bit mp4, aac" -> Clips.cli(dir, "h10.mp4", "320x180", 30, true, "-c:v", "libx265",
					"-x265-params", "log-level=error", "-pix_fmt", "yuv420p10le", "-tag:v", "hvc1", "-c:a", "aac",
					"-shortest", "-movflags", "+faststart");
			case "hevc mp4, variable frame rate" -> Clips.cli(dir, "hvfr.mp4", "320x180", 60, false, "-vf",
					"select='not(mod(n,3))+between(n,60,90)'", "-fps_mode", "vfr", "-c:v", "libx265",
					"-x265-params", "log-level=error", "-pix_fmt", "yuv420p", "-tag:v", "hvc1");
			case "hevc 10-bit mov, aac" -> Clips.committed("hevc10-320x180-aac.mov");
			case "hevc hdr pq mkv" -> Clips.committed("hevc-pq-320x180.mkv");
			case "vp9 webm, opus" -> Clips.generated(dir, "f.webm", "webm", "vp9", 320, 180, 2, 30, true);
			case "av1 webm" -> Clips.committed("av1-320x180.webm");
			default -> throw new IllegalArgumentException(clip);
		};
	}

}
