package me.klepp.devstack.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.javacpp.Loader;

/**
 * The {@code ffmpeg} executable that comes with the FFmpeg build the workers link (the GPL build: libx264,
 * libx265, SVT-AV1, libvpx), for shapes of clips the frame recorder cannot write (a variable frame rate, HDR
 * tags, rotation) and as the benchmarks' baseline: same libraries, same encoders.
 */
public final class FfmpegTool {

	private FfmpegTool() {
	}

	/** Runs {@code ffmpeg -hide_banner -loglevel error -y} with these arguments; fails with its output. */
	public static void run(List<String> arguments) {
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

	/**
	 * Writes {@code target} from a test pattern of this size, frame rate and length (and a tone when
	 * {@code audio}) with these output options.
	 */
	public static Path pattern(Path target, String size, int fps, double seconds, boolean audio, String... options) {
		List<String> arguments = new ArrayList<>(List.of("-f", "lavfi", "-i",
				"testsrc2=size=" + size + ":rate=" + fps + ":duration=" + seconds));
		if (audio) {
			arguments.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:duration=" + seconds));
		}
		arguments.addAll(List.of(options));
		arguments.add(target.toString());
		run(arguments);
		return target;
	}

}
