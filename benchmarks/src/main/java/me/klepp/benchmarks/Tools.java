package me.klepp.benchmarks;

import java.io.IOException;

/** External programs the benchmark runs. */
final class Tools {

	private Tools() {
	}

	static void require(String name, String probe, String install) {
		try {
			Process process = new ProcessBuilder(probe.split(" ")).redirectErrorStream(true).start();
			process.getInputStream().readAllBytes();
			process.waitFor();
		}
		catch (IOException e) {
			throw new IllegalStateException(name + " is not installed; install " + install);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	static String machine() {
		String cpu = "unknown CPU";
		try {
			for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo"))) {
				if (line.startsWith("model name")) {
					cpu = line.substring(line.indexOf(':') + 1).strip();
					break;
				}
			}
		}
		catch (IOException e) {
			// not Linux
		}
		long memoryMib = -1;
		try {
			for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/meminfo"))) {
				if (line.startsWith("MemTotal:")) {
					memoryMib = Long.parseLong(line.replaceAll("\\D", "")) / 1024;
				}
			}
		}
		catch (IOException | NumberFormatException e) {
			// not Linux
		}
		return "%d cores (%s), %,d MiB RAM, %s %s, Java %s".formatted(Runtime.getRuntime().availableProcessors(), cpu,
				memoryMib, System.getProperty("os.name"), System.getProperty("os.version"),
				System.getProperty("java.version"));
	}

}
