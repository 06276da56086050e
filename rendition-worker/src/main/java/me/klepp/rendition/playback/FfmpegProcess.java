package me.klepp.rendition.playback;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bytedeco.javacpp.Loader;

/**
 * The {@code ffmpeg} executable of the FFmpeg build the worker links (JavaCPP unpacks it with the libraries, from
 * the same jar), run as a process of its own with a time limit.
 */
final class FfmpegProcess {

	/** The last lines of what ffmpeg said, in a failure's reason. */
	private static final int REASON_CHARS = 300;

	private FfmpegProcess() {
	}

	static void run(List<String> arguments, TimeLimit limit) throws RenditionException {
		String ffmpeg = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
		long seconds = Math.max(1, limit.remaining().toSeconds() + 1);
		// -timelimit: should the worker die without ending it, the process still ends by itself at the limit
		List<String> command = new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
				"-timelimit", Long.toString(seconds)));
		command.addAll(arguments);
		Path log = null;
		Process process = null;
		try {
			log = Files.createTempFile("klepp-ffmpeg-", ".log");
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
			// the executable finds FFmpeg's libraries beside it, where JavaCPP unpacked them
			builder.environment().put("LD_LIBRARY_PATH", Path.of(ffmpeg).getParent().toString());
			process = builder.start();
			long waitMs = Math.max(0, limit.remaining().toMillis());
			if (!process.waitFor(waitMs, TimeUnit.MILLISECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				throw limit.exceeded();
			}
			if (process.exitValue() != 0) {
				throw new RenditionException("transcoding failed: " + tail(log, arguments));
			}
		}
		catch (IOException e) {
			throw new RenditionException("could not run ffmpeg: " + e.getMessage(), true, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new RenditionException("interrupted while transcoding", true, e);
		}
		finally {
			if (process != null && process.isAlive()) {
				process.destroyForcibly();
			}
			if (log != null) {
				try {
					Files.deleteIfExists(log);
				}
				catch (IOException ignored) {
					// a temporary file; the system's temp cleaning takes it
				}
			}
		}
	}

	/** What ffmpeg said last, without the worker's temporary paths: nothing for the catalog. */
	private static String tail(Path log, List<String> arguments) throws IOException {
		String said = Files.readString(log, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
		for (String argument : arguments) {
			if (argument.startsWith("/")) {
				said = said.replace(argument, Path.of(argument).getFileName().toString());
			}
		}
		if (said.isEmpty()) {
			return "ffmpeg gave no reason";
		}
		return said.length() <= REASON_CHARS ? said : "…" + said.substring(said.length() - REASON_CHARS);
	}

}
