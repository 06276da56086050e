package me.klepp.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who used the machine's CPU between two moments, from {@code /proc}: this JVM (the load client, S3Proxy, ElasticMQ,
 * the token issuer), the service JVMs, PostgreSQL, wrk and pgbench. Linux only; elsewhere it reports nothing.
 */
final class CpuShares {

	private static final double TICKS_PER_SECOND = 100;

	private final Map<String, Long> ticks;

	private final long nanos;

	private CpuShares(Map<String, Long> ticks, long nanos) {
		this.ticks = ticks;
		this.nanos = nanos;
	}

	/** @param services display name → process id of the service JVMs to tell apart */
	static CpuShares now(Map<String, Long> services) {
		Map<String, Long> ticks = new HashMap<>();
		long self = ProcessHandle.current().pid();
		try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
			for (Path process : processes) {
				try {
					String stat = Files.readString(process.resolve("stat"));
					long pid = Long.parseLong(process.getFileName().toString());
					String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
					String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					long used = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
					// Children that ended count in their parent: wrk and pgbench in this JVM, backends in the postmaster.
					long children = Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
					if (pid == self) {
						ticks.merge("benchmark JVM (client, S3Proxy, ElasticMQ)", used, Long::sum);
						ticks.merge("wrk / pgbench", children, Long::sum);
						continue;
					}
					String group = group(pid, comm, services);
					if (group != null) {
						ticks.merge(group, used + (group.equals("PostgreSQL") ? children : 0), Long::sum);
					}
				}
				catch (IOException | RuntimeException gone) {
					// the process ended meanwhile
				}
			}
		}
		catch (IOException notLinux) {
			return new CpuShares(Map.of(), System.nanoTime());
		}
		return new CpuShares(ticks, System.nanoTime());
	}

	private static String group(long pid, String comm, Map<String, Long> services) {
		for (var service : services.entrySet()) {
			if (service.getValue() == pid) {
				return service.getKey();
			}
		}
		return switch (comm) {
			case "postgres" -> "PostgreSQL";
			case "wrk", "pgbench" -> "wrk / pgbench";
			default -> null;
		};
	}

	/** Shares of the whole machine since {@code earlier}, e.g. "API 61%, PostgreSQL 25%, wrk 12%". */
	String since(CpuShares earlier) {
		if (ticks.isEmpty()) {
			return "(no /proc: CPU shares unknown)";
		}
		double capacity = (nanos - earlier.nanos) / 1e9 * TICKS_PER_SECOND * Runtime.getRuntime().availableProcessors();
		Map<String, Double> shares = new LinkedHashMap<>();
		double busy = 0;
		for (var entry : ticks.entrySet()) {
			double share = (entry.getValue() - earlier.ticks.getOrDefault(entry.getKey(), 0L)) / capacity;
			if (share >= 0.005) {
				shares.put(entry.getKey(), share);
			}
			busy += Math.max(0, share);
		}
		StringBuilder text = new StringBuilder();
		shares.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Double>comparingByValue().reversed())
			.forEach(e -> text.append(text.isEmpty() ? "" : ", ").append("%s %.0f%%".formatted(e.getKey(), 100 * e.getValue())));
		return text + " of the machine (%.0f%% together)".formatted(100 * busy);
	}

}
