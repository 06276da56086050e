package me.klepp.rendition.playback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import me.klepp.devstack.media.FfmpegTool;
import me.klepp.devstack.media.SampleMedia;

/**
 * The test corpus: small clips made at test time with JavaCV's FFmpeg (H.264, VP9; index last, as its MP4 muxer
 * writes by default) or with the {@code ffmpeg} command line tool of the same build (libx264, libx265; shapes the
 * recorder cannot write, such as a variable frame rate), and committed ones made with Debian's ffmpeg (HDR, AV1,
 * 4:4:4, rotation; see {@code src/test/resources/media/README.md}).
 */
final class Clips {

	private Clips() {
	}

	static Path generated(Path dir, String name, String format, String codec, int width, int height, double seconds,
			int fps, boolean audio) {
		return SampleMedia.clip(dir.resolve(name), format, codec, width, height, seconds, fps, audio);
	}

	/** A clip {@code ffmpeg} writes from a 2 s test pattern (and a tone when {@code audio}) with these options. */
	static Path cli(Path dir, String name, String size, int fps, boolean audio, String... options) {
		return FfmpegTool.pattern(dir.resolve(name), size, fps, 2, audio, options);
	}

	/** The first half of {@code clip}: an upload cut off. */
	static Path truncated(Path dir, Path clip) {
		try {
			byte[] bytes = Files.readAllBytes(clip);
			return Files.write(dir.resolve("truncated-" + clip.getFileName()),
					java.util.Arrays.copyOf(bytes, bytes.length / 2));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static Path committed(String name) {
		try {
			return Path.of(Clips.class.getResource("/media/" + name).toURI());
		}
		catch (URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	static Path text(Path dir) {
		try {
			return Files.writeString(dir.resolve("notes.mp4"), "not a video at all");
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
