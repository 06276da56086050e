package me.klepp.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a service's CPU time went, from a JFR recording: execution samples attributed to what the code was doing
 * (the first matching category anywhere on the stack, in the order below), the hottest methods, and GC pauses.
 */
final class Profile {

	/**
	 * Work recognisable anywhere on the stack, since the library never calls back into the rest of the request:
	 * the sample belongs to it wherever it sits.
	 */
	private static final Map<String, List<String>> ANYWHERE = new LinkedHashMap<>();

	/** Otherwise the innermost library frame names the category (JDK frames above it are its work). */
	private static final Map<String, List<String>> INNERMOST = new LinkedHashMap<>();

	static {
		ANYWHERE.put("S3 URL presigning (SigV4)", List.of("software.amazon.awssdk.services.s3.internal.presigner",
				"software.amazon.awssdk.services.s3.presigner"));
		ANYWHERE.put("JWT validation (Nimbus)", List.of("com.nimbusds"));
		ANYWHERE.put("JSON (Jackson)", List.of("tools.jackson", "com.fasterxml.jackson"));
		INNERMOST.put("klepp code", List.of("me.klepp"));
		INNERMOST.put("AWS SDK (S3/SQS requests)", List.of("software.amazon.awssdk"));
		INNERMOST.put("SQS listener (Spring Cloud AWS)", List.of("io.awspring.cloud"));
		INNERMOST.put("JDBC / Hikari / Spring JDBC", List.of("org.postgresql", "com.zaxxer.hikari",
				"org.springframework.jdbc", "org.springframework.transaction"));
		INNERMOST.put("R2DBC driver and pool", List.of("io.r2dbc", "reactor.pool", "org.springframework.r2dbc"));
		INNERMOST.put("logging", List.of("ch.qos.logback", "org.slf4j"));
		INNERMOST.put("multipart parsing", List.of("org.springframework.http.codec.multipart"));
		INNERMOST.put("Spring Security", List.of("org.springframework.security"));
		INNERMOST.put("Netty / Reactor Netty I/O", List.of("io.netty", "reactor.netty"));
		INNERMOST.put("Spring WebFlux / core", List.of("org.springframework"));
		INNERMOST.put("Reactor operators", List.of("reactor."));
		INNERMOST.put("Apache HTTP client", List.of("org.apache.http", "org.apache.hc"));
		INNERMOST.put("Micrometer", List.of("io.micrometer"));
	}

	private final Map<String, Integer> categories = new LinkedHashMap<>();

	private final Map<String, Integer> topMethods = new HashMap<>();

	private int samples;

	private Duration gcPauses = Duration.ZERO;

	private int gcCount;

	private double jvmCpu;

	private double machineCpu;

	private int cpuReadings;

	/** Only what happened between {@code from} and {@code to}. */
	static Profile of(Path recording, Instant from, Instant to) throws IOException {
		Profile profile = new Profile();
		try (RecordingFile file = new RecordingFile(recording)) {
			while (file.hasMoreEvents()) {
				profile.add(file.readEvent(), from, to);
			}
		}
		return profile;
	}

	private void add(RecordedEvent event, Instant from, Instant to) {
		if (event.getStartTime().isBefore(from) || event.getStartTime().isAfter(to)) {
			return;
		}
		String type = event.getEventType().getName();
		if (type.equals("jdk.ExecutionSample")) {
			sample(event.getStackTrace());
		}
		else if (type.equals("jdk.CPULoad")) {
			jvmCpu += event.getFloat("jvmUser") + event.getFloat("jvmSystem");
			machineCpu += event.getFloat("machineTotal");
			cpuReadings++;
		}
		else if (type.equals("jdk.GarbageCollection")) {
			gcPauses = gcPauses.plus(event.getDuration("sumOfPauses"));
			gcCount++;
		}
	}

	private void sample(RecordedStackTrace stack) {
		if (stack == null || stack.getFrames().isEmpty()) {
			return;
		}
		samples++;
		List<RecordedFrame> frames = stack.getFrames();
		RecordedFrame top = frames.get(0);
		topMethods.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1, Integer::sum);
		categories.merge(category(frames), 1, Integer::sum);
	}

	private static String category(List<RecordedFrame> frames) {
		for (var category : ANYWHERE.entrySet()) {
			for (RecordedFrame frame : frames) {
				if (matches(frame, category.getValue())) {
					return category.getKey();
				}
			}
		}
		for (RecordedFrame frame : frames) {
			for (var category : INNERMOST.entrySet()) {
				if (matches(frame, category.getValue())) {
					return category.getKey();
				}
			}
		}
		return "JDK only (" + frames.get(0).getMethod().getType().getName().replaceAll("\\.[^.]+$", "") + ")";
	}

	private static boolean matches(RecordedFrame frame, List<String> prefixes) {
		String type = frame.getMethod().getType().getName();
		for (String prefix : prefixes) {
			if (type.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	int samples() {
		return samples;
	}

	double share(String category) {
		return samples == 0 ? 0 : 100.0 * categories.getOrDefault(category, 0) / samples;
	}

	/** Categories by share of samples, as lines. */
	String breakdown(int top) {
		StringBuilder text = new StringBuilder();
		if (cpuReadings > 0) {
			text.append("CPU: this JVM %.0f%% of the machine's %d cores, the machine %.0f%% busy%n".formatted(
					100 * jvmCpu / cpuReadings, Runtime.getRuntime().availableProcessors(), 100 * machineCpu / cpuReadings));
		}
		text.append("%d CPU samples; GC: %d collections, %d ms paused%n".formatted(samples, gcCount,
				gcPauses.toMillis()));
		categories.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.limit(top)
			.forEach(e -> text.append("%5.1f%%  %s%n".formatted(100.0 * e.getValue() / samples, e.getKey())));
		return text.toString();
	}

	String hottestMethods(int top) {
		StringBuilder text = new StringBuilder("hottest methods (self time):\n");
		topMethods.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.limit(top)
			.forEach(e -> text.append("%5.1f%%  %s%n".formatted(100.0 * e.getValue() / samples, e.getKey())));
		return text.toString();
	}

}
