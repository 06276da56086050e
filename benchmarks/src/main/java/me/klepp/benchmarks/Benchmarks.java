package me.klepp.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import me.klepp.devstack.Devstack;

/**
 * The benchmark suite (README, "Benchmarks"): feed, ingest and upload paths of the services' exec jars, each in a
 * JVM of its own, on a devstack with filesystem-backed S3 and embedded PostgreSQL in a temporary directory that
 * is deleted afterwards. Every figure is printed next to a baseline measured in the same run.
 *
 * <pre>
 * ./mvnw -q install -DskipTests &amp;&amp; java -jar benchmarks/target/benchmarks.jar [--quick] [--clips=…]
 * </pre>
 */
public final class Benchmarks {

	private Benchmarks() {
	}

	public static void main(String[] args) throws Exception {
		Scale scale = Scale.parse(args);
		Wrk.requireInstalled();
		Pgbench.requireInstalled();
		ServiceJvm.execJar(scale.repository(), "api-service");
		ServiceJvm.execJar(scale.repository(), "metadata-ingestor");
		Path workDir = Files.createTempDirectory("klepp-bench-");
		Report report = new Report(scale.report());
		report.line("# klepp benchmark run, " + OffsetDateTime.now(ZoneOffset.UTC)
			.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
		report.line("");
		report.line("- Machine: " + Tools.machine());
		report.line("- Commit: " + git(scale.repository()));
		report.line("- Scale: " + scale + (scale.quick() ? " (**--quick**)" : ""));
		report.line("- Everything on loopback: load generator, API, ingestor, PostgreSQL "
				+ "(embedded, `synchronous_commit=off`), S3Proxy and ElasticMQ share the cores.");
		Devstack stack = Devstack.start(new Devstack.Options(workDir.resolve("stack"), 0, 0, 0, 0, null));
		java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
		Runnable cleanUp = () -> {
			if (done.compareAndSet(false, true)) {
				ServiceJvm.stopAll();
				stack.close();
				if (scale.keep()) {
					Report.progress("kept " + workDir);
				}
				else {
					delete(workDir);
				}
			}
		};
		Runtime.getRuntime().addShutdownHook(new Thread(cleanUp, "benchmark-cleanup"));
		ServiceJvm api = null;
		try {
			Map<String, String> properties = new LinkedHashMap<>(stack.springProperties());
			properties.put("klepp.media.link.secret", "benchmark-link-secret");
			Map<String, String> apiProperties = new LinkedHashMap<>(properties);
			int apiPort = ServiceJvm.freePort();
			apiProperties.put("server.port", Integer.toString(apiPort));
			apiProperties.put("klepp.uploads.per-user-per-minute", "1000000000");
			Report.progress("starting the API (exec jar, -Xmx256m)");
			List<String> apiOptions = new java.util.ArrayList<>(List.of("-Xmx256m"));
			apiOptions.addAll(ServiceJvm.recordingFromStart(workDir));
			api = ServiceJvm.start(scale.repository(), "api-service", "Started KleppApiApplication", apiOptions,
					apiProperties, workDir);
			Database db = new Database(stack.jdbcUrl());
			Report.progress("seeding: " + scale);
			long began = System.nanoTime();
			Seed.run(db, scale);
			report.line("- Seeded %,d clips, %,d users, %,d tags, %,d likes, %,d tag links in %.0f s.".formatted(
					db.queryLong("select count(*) from media_file"), db.queryLong("select count(*) from app_user"),
					db.queryLong("select count(*) from tag"), db.queryLong("select count(*) from media_like"),
					db.queryLong("select count(*) from media_file_tag"), (System.nanoTime() - began) / 1e9));

			if (scale.phases().contains("feed")) {
				new FeedBench(report, scale, db, api, apiPort, stack.accessToken(FeedBench.CALLER), workDir).run();
			}
			UploadBench uploads = new UploadBench(report, scale, stack, api, apiPort, workDir);
			if (scale.phases().contains("presign")) {
				uploads.presign();
			}
			if (scale.phases().contains("ingest")) {
				new IngestBench(report, scale, db, stack, properties, workDir).run();
			}
			if (scale.phases().contains("upload")) {
				uploads.streamed();
			}
			if (scale.phases().contains("hold")) {
				// For looking around by hand: the seeded stack stays up until this process is stopped.
				Report.progress("holding: API http://127.0.0.1:%d, PostgreSQL %s, token of %s:%n%s".formatted(apiPort,
						stack.jdbcUrl(), FeedBench.CALLER, stack.accessToken(FeedBench.CALLER)));
				Thread.sleep(Long.MAX_VALUE);
			}
			report.summary();
		}
		finally {
			report.save();
			cleanUp.run();
		}
	}

	private static String git(Path repository) {
		try {
			Process git = new ProcessBuilder("git", "-C", repository.toString(), "describe", "--always", "--dirty")
				.redirectErrorStream(true)
				.start();
			String out = new String(git.getInputStream().readAllBytes()).strip();
			return git.waitFor() == 0 ? out : "unknown";
		}
		catch (IOException | InterruptedException e) {
			return "unknown";
		}
	}

	private static void delete(Path dir) {
		try (Stream<Path> paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		catch (IOException e) {
			Report.progress("could not delete " + dir + ": " + e);
		}
	}

}
