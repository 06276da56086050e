package me.klepp.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A klepp service as it is deployed: its {@code -exec.jar} in a JVM of its own, with the devstack's settings as
 * arguments. The log goes to a file; JFR recordings are started and stopped with {@code jcmd}.
 */
final class ServiceJvm implements AutoCloseable {

	/** Every service JVM started and not yet stopped, so that an interrupted run leaves none behind. */
	private static final java.util.Set<ServiceJvm> RUNNING = java.util.concurrent.ConcurrentHashMap.newKeySet();

	private final String name;

	private final Process process;

	private final Path log;

	private ServiceJvm(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	/**
	 * @param module e.g. {@code api-service}; its {@code target/<module>-*-exec.jar} under the repository
	 * @param startedLine the log line that says the application is up
	 */
	static ServiceJvm start(Path repository, String module, String startedLine, List<String> jvmOptions,
			Map<String, String> properties, Path workDir) throws IOException, InterruptedException {
		Path jar = execJar(repository, module);
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", jar.toString()));
		properties.forEach((key, value) -> command.add("--" + key + "=" + value));
		Path log = workDir.resolve(module + ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		ServiceJvm jvm = new ServiceJvm(module, process, log);
		RUNNING.add(jvm);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (!jvm.log().contains(startedLine)) {
			if (!process.isAlive() || System.nanoTime() > deadline) {
				process.destroyForcibly();
				throw new IllegalStateException(module + " did not start; its log (" + log + "):\n" + tail(jvm.log()));
			}
			Thread.sleep(200);
		}
		return jvm;
	}

	static Path execJar(Path repository, String module) throws IOException {
		Path target = repository.resolve(module).resolve("target");
		if (Files.isDirectory(target)) {
			try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, module + "-*-exec.jar")) {
				for (Path jar : jars) {
					return jar;
				}
			}
		}
		throw new IllegalStateException("no " + module + "/target/" + module + "-*-exec.jar under " + repository
				+ ": build first (./mvnw -q install -DskipTests) and run from the repository root");
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	long pid() {
		return process.pid();
	}

	String log() {
		try {
			return Files.readString(log);
		}
		catch (IOException e) {
			return "";
		}
	}

	/** Peak resident memory of the process so far (VmHWM), in MiB, or -1 where /proc is not available. */
	long peakRssMib() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
				if (line.startsWith("VmHWM:")) {
					return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
				}
			}
		}
		catch (IOException | NumberFormatException e) {
			// not Linux
		}
		return -1;
	}

	/** How many compilations the JIT has done so far (jstat), or -1 if unknown. */
	long compilations() {
		try {
			Process jstat = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstat").toString(),
					"-compiler", Long.toString(pid())).redirectErrorStream(true).start();
			String[] lines = new String(jstat.getInputStream().readAllBytes()).strip().split("\n");
			jstat.waitFor();
			return Long.parseLong(lines[lines.length - 1].strip().split("\\s+")[0]);
		}
		catch (IOException | RuntimeException e) {
			return -1;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	/**
	 * JVM options for a flight recording that runs from start to end. Started later, on a warm JVM, JFR makes the JIT
	 * throw away and redo much of its work (measured: a warm API fell from ~1,400 to ~250 requests/s for a minute),
	 * so it is on from the start and {@link #profile} cuts windows out of it.
	 */
	static List<String> recordingFromStart(Path workDir) {
		return List.of("-XX:StartFlightRecording=name=benchmark,settings=default,maxage=20m",
				"-XX:FlightRecorderOptions=repository=" + workDir.resolve("jfr"));
	}

	/** What the JVM spent its CPU on between {@code from} and {@code to}, from its running recording. */
	Profile profile(java.time.Instant from, java.time.Instant to, Path dir) throws IOException, InterruptedException {
		Path file = dir.resolve(name + "-" + System.nanoTime() + ".jfr");
		jcmd("JFR.dump", "name=benchmark", "filename=" + file);
		try {
			return Profile.of(file, from, to);
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	private void jcmd(String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
		command.add(Long.toString(pid()));
		command.addAll(List.of(args));
		Process jcmd = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(jcmd.getInputStream().readAllBytes());
		if (jcmd.waitFor() != 0 || output.contains("Could not") || output.contains("Exception")) {
			throw new IllegalStateException("jcmd " + String.join(" ", args) + " failed: " + output);
		}
	}

	private static String tail(String text) {
		return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
	}

	/** Stops every service JVM still running (a run interrupted with Ctrl+C). */
	static void stopAll() {
		for (ServiceJvm jvm : RUNNING) {
			try {
				jvm.close();
			}
			catch (InterruptedException e) {
				jvm.process.destroyForcibly();
			}
		}
	}

	@Override
	public void close() throws InterruptedException {
		RUNNING.remove(this);
		if (process.isAlive()) {
			process.destroy();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				process.waitFor(10, TimeUnit.SECONDS);
			}
		}
	}

}
