package me.klepp.rendition.playback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import me.klepp.devstack.media.SampleMedia;

/**
 * The test corpus: small clips made at test time with JavaCV's FFmpeg (H.264, VP9; index last, as its MP4 muxer
 * writes by default), and committed ones the bundled FFmpeg cannot encode (HEVC, HDR, AV1, 4:4:4; see
 * {@code src/test/resources/media/README.md}).
 */
final class Clips {

	private Clips() {
	}

	static Path generated(Path dir, String name, String format, String codec, int width, int height, double seconds,
			int fps, boolean audio) {
		return SampleMedia.clip(dir.resolve(name), format, codec, width, height, seconds, fps, audio);
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
