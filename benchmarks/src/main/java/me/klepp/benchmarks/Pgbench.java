package me.klepp.benchmarks;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import me.klepp.api.files.FeedStatements.Statement;

/**
 * The raw-SQL baseline: pgbench runs the statements of one API request as one pgbench transaction, prepared
 * (as the R2DBC driver prepares and caches them), with the same binds, on as many connections as wrk uses.
 * pgbench's {@code :name} variables happen to be the API's bind syntax, so the SQL text is the API's unchanged.
 */
final class Pgbench {

	private static final Pattern TPS = Pattern.compile("tps = ([\\d.]+) \\(without initial connection time\\)");

	private static final Pattern STATEMENT_LATENCY = Pattern.compile("^\\s+([\\d.]+)\\s+(?:\\d+\\s+)?(\\S.*)$");

	private Pgbench() {
	}

	record Result(double tps, double p50Ms, double p99Ms, long transactions, Map<String, Double> statementMs) {

		String latencies() {
			return "%.1f / %.1f ms".formatted(p50Ms, p99Ms);
		}

	}

	static void requireInstalled() {
		Tools.require("pgbench", "pgbench --version",
				"pgbench (Debian/Ubuntu: apt-get install postgresql)");
	}

	static Result run(List<Statement> statements, int port, int clients, Duration duration, Path workDir)
			throws IOException, InterruptedException {
		StringBuilder script = new StringBuilder();
		Map<String, Object> variables = new LinkedHashMap<>();
		for (Statement statement : statements) {
			script.append(statement.sql()).append(";\n");
			variables.putAll(statement.binds());
		}
		Path dir = Files.createTempDirectory(workDir, "pgbench-");
		Path file = dir.resolve("request.sql");
		Files.writeString(file, script);
		List<String> command = new ArrayList<>(List.of("pgbench", "-n", "-M", "prepared", "-r", "-l", "--log-prefix",
				dir.resolve("tx").toString(), "-c", Integer.toString(clients), "-j", Integer.toString(Math.min(2, clients)),
				"-T", Long.toString(duration.toSeconds()), "-f", file.toString(), "-h", "127.0.0.1", "-p",
				Integer.toString(port), "-U", "postgres"));
		variables.forEach((name, value) -> command.addAll(List.of("-D", name + "=" + literal(value))));
		command.add("klepp");
		Process pgbench = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(pgbench.getInputStream().readAllBytes());
		if (pgbench.waitFor() != 0) {
			throw new IllegalStateException("pgbench failed:\n" + output);
		}
		Matcher tps = TPS.matcher(output);
		if (!tps.find()) {
			throw new IllegalStateException("unexpected pgbench output:\n" + output);
		}
		Map<String, Double> statementMs = new LinkedHashMap<>();
		boolean inLatencies = false;
		int index = 0;
		for (String line : output.split("\n")) {
			if (line.contains("statement latencies in milliseconds")) {
				inLatencies = true;
				continue;
			}
			Matcher m = STATEMENT_LATENCY.matcher(line);
			if (inLatencies && m.matches() && index < statements.size()) {
				statementMs.put(statements.get(index++).name(), Double.parseDouble(m.group(1)));
			}
		}
		long[] latenciesUs;
		try (Stream<Path> logs = Files.list(dir)) {
			latenciesUs = logs.filter(p -> p.getFileName().toString().startsWith("tx")).flatMap(Pgbench::lines)
				.mapToLong(line -> Long.parseLong(line.split(" ")[2]))
				.sorted()
				.toArray();
		}
		try (Stream<Path> files = Files.list(dir)) {
			files.forEach(p -> p.toFile().delete());
		}
		Files.deleteIfExists(dir);
		return new Result(Double.parseDouble(tps.group(1)), percentile(latenciesUs, 0.50) / 1000.0,
				percentile(latenciesUs, 0.99) / 1000.0, latenciesUs.length, statementMs);
	}

	private static Stream<String> lines(Path path) {
		try {
			return Files.readAllLines(path).stream().filter(line -> !line.isBlank());
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	static long percentile(long[] sorted, double p) {
		if (sorted.length == 0) {
			return 0;
		}
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
	}

	/** A bind value as pgbench passes it: text, arrays as PostgreSQL array literals. */
	static String literal(Object value) {
		if (value == null) {
			throw new IllegalArgumentException("pgbench cannot bind null");
		}
		if (value.getClass().isArray()) {
			List<String> items = new ArrayList<>();
			for (int i = 0; i < Array.getLength(value); i++) {
				Object item = Array.get(value, i);
				items.add(item instanceof UUID ? item.toString()
						: "\"" + item.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
			}
			return "{" + String.join(",", items) + "}";
		}
		return value.toString();
	}

	static String describe(Map<String, Double> statementMs) {
		return String.join(", ", statementMs.entrySet().stream()
			.map(e -> "%s %.2f ms".formatted(e.getKey(), e.getValue()))
			.toList());
	}

	static String[] names(List<Statement> statements) {
		return statements.stream().map(Statement::name).toArray(String[]::new);
	}

	static String join(String[] names) {
		return Arrays.toString(names);
	}

}
