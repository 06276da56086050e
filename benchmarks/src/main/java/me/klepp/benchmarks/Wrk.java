package me.klepp.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HTTP load with wrk (closed loop: each connection sends its next request when the previous one answered). */
final class Wrk {

	private static final Pattern PERCENTILE = Pattern.compile("^\\s*(50|99)(?:\\.0+)?%\\s+([\\d.]+)(us|ms|s|m)\\s*$");

	private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([\\d.]+)");

	private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");

	private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");

	private static final Pattern SOCKET_ERRORS = Pattern
		.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

	private Wrk() {
	}

	record Result(double requestsPerSecond, double p50Ms, double p99Ms, long requests, long failures) {

		String latencies() {
			return requests == 0 ? "none answered within 10 s" : "%.1f / %.1f ms".formatted(p50Ms, p99Ms);
		}

	}

	static void requireInstalled() {
		Tools.require("wrk", "wrk --version", "wrk (Debian/Ubuntu: apt-get install wrk)");
	}

	/**
	 * @param luaScript a wrk script (e.g. a POST with a body), or {@code null} for GETs
	 */
	static Result run(String url, int connections, Duration duration, List<String> headers, String luaScript,
			Path workDir) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("wrk", "--latency", "--timeout", "10s", "-t",
				Integer.toString(Math.min(2, connections)), "-c", Integer.toString(connections), "-d",
				duration.toSeconds() + "s"));
		for (String header : headers) {
			command.addAll(List.of("-H", header));
		}
		if (luaScript != null) {
			Path script = Files.createTempFile(workDir, "wrk-", ".lua");
			Files.writeString(script, luaScript);
			command.addAll(List.of("-s", script.toString()));
		}
		command.add(url);
		Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(wrk.getInputStream().readAllBytes());
		if (wrk.waitFor() != 0) {
			throw new IllegalStateException("wrk failed:\n" + output);
		}
		return parse(output);
	}

	static Result parse(String output) {
		double p50 = Double.NaN;
		double p99 = Double.NaN;
		for (String line : output.split("\n")) {
			Matcher m = PERCENTILE.matcher(line);
			if (m.matches()) {
				double ms = millis(Double.parseDouble(m.group(2)), m.group(3));
				if (m.group(1).equals("50")) {
					p50 = ms;
				}
				else {
					p99 = ms;
				}
			}
		}
		Matcher rps = RPS.matcher(output);
		Matcher requests = REQUESTS.matcher(output);
		if (!rps.find() || !requests.find() || Double.isNaN(p50) || Double.isNaN(p99)) {
			throw new IllegalStateException("unexpected wrk output:\n" + output);
		}
		long failures = 0;
		Matcher non2xx = NON_2XX.matcher(output);
		if (non2xx.find()) {
			failures += Long.parseLong(non2xx.group(1));
		}
		Matcher errors = SOCKET_ERRORS.matcher(output);
		if (errors.find()) {
			for (int i = 1; i <= 4; i++) {
				failures += Long.parseLong(errors.group(i));
			}
		}
		long answered = Long.parseLong(requests.group(1));
		if (answered == 0) {
			p50 = Double.POSITIVE_INFINITY;
			p99 = Double.POSITIVE_INFINITY;
		}
		return new Result(Double.parseDouble(rps.group(1)), p50, p99, answered, failures);
	}

	/**
	 * Load until the JIT has done its work: rounds of {@code round} until the service compiled fewer than 100 methods
	 * during one (at least two rounds, at most {@code maxRounds}). With two cores shared by load, service and
	 * database the compiler gets little CPU, so this takes minutes rather than seconds.
	 * @return the requests/s of each round
	 */
	static java.util.List<Double> warmUp(ServiceJvm service, String url, int connections, Duration round, int maxRounds,
			List<String> headers, String luaScript, Path workDir) throws IOException, InterruptedException {
		java.util.List<Double> rates = new ArrayList<>();
		long compiled = service.compilations();
		while (rates.size() < maxRounds) {
			rates.add(run(url, connections, round, headers, luaScript, workDir).requestsPerSecond());
			long now = service.compilations();
			boolean settled = now >= 0 && now - compiled < 100;
			compiled = now;
			if (rates.size() >= 2 && settled) {
				break;
			}
		}
		return rates;
	}

	static String rates(java.util.List<Double> rates) {
		return String.join(", ", rates.stream().map(r -> "%,.0f".formatted(r)).toList());
	}

	private static double millis(double value, String unit) {
		return switch (unit) {
			case "us" -> value / 1000;
			case "ms" -> value;
			case "s" -> value * 1000;
			case "m" -> value * 60_000;
			default -> throw new IllegalArgumentException(unit);
		};
	}

}
