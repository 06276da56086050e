package me.klepp.local.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A klepp service in a JVM of its own, started from this test's classpath, so that it can be killed (SIGKILL) or
 * asked to stop (SIGTERM) like a deployed process.
 */
final class ServiceProcess implements AutoCloseable {

	private final Process process;

	private final Path log;

	private ServiceProcess(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	static ServiceProcess start(Class<?> mainClass, Map<String, String> properties, String... extraArgs)
			throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-cp", System.getProperty("java.class.path"), mainClass.getName()));
		properties.forEach((key, value) -> command.add("--" + key + "=" + value));
		command.addAll(List.of(extraArgs));
		Path log = Files.createTempFile(Path.of("target"), mainClass.getSimpleName() + "-", ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		ServiceProcess service = new ServiceProcess(process, log);
		await().atMost(Duration.ofSeconds(90)).until(() -> {
			if (!process.isAlive()) {
				throw new IllegalStateException(mainClass.getSimpleName() + " exited at start:\n" + service.log());
			}
			return service.log().contains("Started " + mainClass.getSimpleName());
		});
		return service;
	}

	/** SIGKILL: no shutdown hook, nothing flushed, as when a dyno or node dies. */
	void kill() throws InterruptedException {
		process.destroyForcibly();
		process.waitFor(30, TimeUnit.SECONDS);
	}

	/** SIGTERM, as Heroku and Kubernetes stop a process; returns how long it took to exit. */
	Duration terminate(Duration patience) throws InterruptedException {
		long began = System.nanoTime();
		process.destroy();
		if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("still running " + patience + " after SIGTERM:\n" + log());
		}
		return Duration.ofNanos(System.nanoTime() - began);
	}

	String log() {
		try {
			return Files.readString(log);
		}
		catch (IOException e) {
			return "(log unreadable: " + e + ")";
		}
	}

	@Override
	public void close() throws InterruptedException {
		if (process.isAlive()) {
			kill();
		}
	}

}
