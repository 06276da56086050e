package me.klepp.rendition.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A job's directory for the source and the rendition (gigabytes), locked while the job runs. A worker killed in
 * the middle of a job leaves its directory behind; the operating system releases the lock with the process, so the
 * next worker on the same disk finds the directory unlocked and removes it at start, while directories of jobs
 * running in other processes sharing {@code work-dir} stay locked and untouched. A transcode's {@code ffmpeg}
 * process outlives a killed worker (until its own {@code -timelimit}); it names the directory in its arguments, so
 * it is ended first.
 */
@Component
class JobDirectories {

	private static final Logger log = LoggerFactory.getLogger(JobDirectories.class);

	private static final String PREFIX = "klepp-rendition-job-";

	private static final String LOCK = ".lock";

	private final Path base;

	JobDirectories(WorkerProperties properties) {
		this.base = properties.workDir() != null ? properties.workDir() : Path.of(System.getProperty("java.io.tmpdir"));
		removeAbandoned();
	}

	/** A new directory, locked until the job closes it; closing removes it with everything in it. */
	Job create() {
		try {
			Path dir = Files.createTempDirectory(Files.createDirectories(base), PREFIX);
			FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			return new Job(dir, channel, channel.lock());
		}
		catch (IOException e) {
			throw new UncheckedIOException("no room for a job in " + base, e);
		}
	}

	/** The directories of jobs whose process is gone (their lock is free). */
	private void removeAbandoned() {
		if (!Files.isDirectory(base)) {
			return;
		}
		try (Stream<Path> dirs = Files.list(base)) {
			for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith(PREFIX)).toList()) {
				if (abandoned(dir)) {
					log.info("removing {}, left by a job whose worker stopped in the middle of it", dir);
					endProcessesWorkingIn(dir);
					delete(dir);
				}
			}
		}
		catch (IOException e) {
			log.warn("could not look for abandoned jobs in {}: {}", base, e.toString());
		}
	}

	private static void endProcessesWorkingIn(Path dir) {
		String path = dir.toAbsolutePath().toString();
		ProcessHandle.allProcesses()
			.filter(process -> process.info().commandLine().map(line -> line.contains(path)).orElse(false))
			.forEach(process -> {
				log.info("ending process {} of the abandoned job: {}", process.pid(),
						process.info().command().orElse("?"));
				process.destroyForcibly();
				process.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> null).join();
			});
	}

	private static boolean abandoned(Path dir) {
		try (FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
			return lock != null;
		}
		catch (OverlappingFileLockException e) {
			return false; // a job of this very process
		}
		catch (IOException e) {
			return false;
		}
	}

	private static void delete(Path dir) {
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException e) {
			log.warn("could not remove {}: {}", dir, e.toString());
		}
	}

	/** A running job's directory. */
	record Job(Path dir, FileChannel channel, FileLock lock) implements AutoCloseable {

		@Override
		public void close() {
			try {
				lock.release();
				channel.close();
			}
			catch (IOException e) {
				log.warn("could not unlock {}: {}", dir, e.toString());
			}
			delete(dir);
		}

	}

}
