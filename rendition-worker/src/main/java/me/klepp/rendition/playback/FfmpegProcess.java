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

	static void run(List<String> arguments, TimeLimit limit, Progress progress) throws RenditionException {
		String ffmpeg = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
		long seconds = Math.max(1, limit.remaining().toSeconds() + 1);
		// -timelimit: should the worker die without ending it, the process still ends by itself at the limit
		List<String> command = new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
				"-timelimit", Long.toString(seconds), "-nostats", "-progress", "pipe:1"));
		command.addAll(arguments);
		Path log = null;
		Process process = null;
		try {
			log = Files.createTempFile("klepp-ffmpeg-", ".log");
			ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
			// the executable finds FFmpeg's libraries beside it, where JavaCPP unpacked them
			builder.environment().put("LD_LIBRARY_PATH", Path.of(ffmpeg).getParent().toString());
			process = builder.start();
			Process started = process;
			Thread reader = new Thread(() -> readProgress(started, progress), "ffmpeg-progress");
			reader.setDaemon(true);
			reader.start();
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

	/** ffmpeg's progress lines on its standard output, until it closes it. */
	private static void readProgress(Process process, Progress progress) {
		try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
				StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				try {
					progress.line(line);
				}
				catch (RuntimeException e) {
					// a report that could not be sent; keep reading, or ffmpeg would block on a full pipe
				}
			}
		}
		catch (IOException | RuntimeException e) {
			// progress is for people waiting; the transcode's own outcome is what counts
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
