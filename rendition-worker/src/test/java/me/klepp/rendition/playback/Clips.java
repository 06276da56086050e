package me.klepp.rendition.playback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import me.klepp.devstack.media.SampleMedia;
import org.bytedeco.javacpp.Loader;

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
		Path target = dir.resolve(name);
		List<String> arguments = new ArrayList<>(List.of("-f", "lavfi", "-i",
				"testsrc2=size=" + size + ":rate=" + fps + ":duration=2"));
		if (audio) {
			arguments.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:duration=2"));
		}
		arguments.addAll(List.of(options));
		arguments.add(target.toString());
		ffmpeg(arguments);
		return target;
	}

	/**
	 * Runs the {@code ffmpeg} executable of the FFmpeg build the worker links (same libraries, same encoders) with
	 * these arguments, after {@code -hide_banner -loglevel error -y}.
	 */
	static void ffmpeg(List<String> arguments) {
		String ffmpeg = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
		List<String> command = new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-loglevel", "error", "-y"));
		command.addAll(arguments);
		try {
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
			// the executable finds FFmpeg's libraries beside it, where JavaCPP unpacked them
			builder.environment().put("LD_LIBRARY_PATH", Path.of(ffmpeg).getParent().toString());
			Process process = builder.start();
			String output = new String(process.getInputStream().readAllBytes());
			if (process.waitFor() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
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
