package me.klepp.benchmarks;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import me.klepp.devstack.Devstack;
import me.klepp.devstack.KleppResources;
import me.klepp.events.s3.S3NotificationWriter;
import me.klepp.events.s3.S3ObjectEvent;
import me.klepp.ingestor.catalog.ObjectRegistry;
import me.klepp.ingestor.catalog.Registries;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * S3 events through the metadata ingestor: objects are written to S3 while the ingestor is stopped, so their real
 * event notifications wait in its queue; then the ingestor (its exec jar, own JVM) starts and drains them. Half
 * the objects were announced through the API first (a pending row to confirm), half arrived straight in the
 * bucket (registered: owner looked up, object HEADed). The first tenth warms the JVM; the rest is timed.
 * Baselines, in this process: SQS alone (receive 10, delete each, as the listener acknowledges) and the
 * ingestor's own registry code alone on a pool of as many connections as the listener processes messages.
 */
final class IngestBench {

	/** The ingestor's default {@code klepp.ingestor.uploads-concurrency}. */
	private static final int CONCURRENCY = 40;

	/** The ingestor's database pool (Hikari's default). */
	private static final int POOL = 10;

	private final Report report;

	private final Scale scale;

	private final Database db;

	private final Devstack stack;

	private final Map<String, String> properties;

	private final Path workDir;

	IngestBench(Report report, Scale scale, Database db, Devstack stack, Map<String, String> properties, Path workDir) {
		this.report = report;
		this.scale = scale;
		this.db = db;
		this.stack = stack;
		this.properties = properties;
		this.workDir = workDir;
	}

	double run() throws Exception {
		int warm = Math.max(100, scale.events() / 10);
		int total = warm + scale.events();
		Report.progress("ingest: writing %,d objects while the ingestor is stopped".formatted(total));
		List<String> keys = prepare("ingest", total);
		try (S3Client s3 = stack.s3Client()) {
			parallel(keys, 8, key -> s3.putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(key).contentType("video/mp4"),
					RequestBody.fromBytes(new byte[1024])));
		}
		awaitQueued(KleppResources.INGESTOR_UPLOADS_QUEUE, total);
		stack.sqsClient().purgeQueue(p -> p.queueUrl(stack.queueUrl(KleppResources.THUMBNAIL_UPLOADS_QUEUE)));

		Report.progress("ingest: starting the ingestor");
		Path recording = workDir.resolve("metadata-ingestor.jfr");
		int managementPort = ServiceJvm.freePort();
		Instant from;
		Instant to;
		long peakRss;
		String metrics;
		String cpu;
		try (ServiceJvm ingestor = ServiceJvm.start(scale.repository(), "metadata-ingestor",
				"Started MetadataIngestorApplication",
				List.of("-Xmx256m", "-DKLEPP_MANAGEMENT_PORT=" + managementPort,
						"-XX:StartFlightRecording=settings=default,dumponexit=true,filename=" + recording,
						"-XX:FlightRecorderOptions=repository=" + workDir.resolve("jfr-ingestor")),
				properties, workDir)) {
			from = awaitProcessed(total, warm);
			CpuShares start = CpuShares.now(Map.of("ingestor JVM", ingestor.pid()));
			to = awaitProcessed(total, total);
			cpu = CpuShares.now(Map.of("ingestor JVM", ingestor.pid())).since(start);
			peakRss = ingestor.peakRssMib();
			metrics = java.net.http.HttpClient.newHttpClient()
				.send(java.net.http.HttpRequest.newBuilder(
						java.net.URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus")).build(),
						java.net.http.HttpResponse.BodyHandlers.ofString())
				.body();
		}
		double handlerMs = meanSeconds(metrics, "klepp_messages_processed_seconds",
				KleppResources.INGESTOR_UPLOADS_QUEUE) * 1000;
		double rate = scale.events() / seconds(from, to);
		long uploaded = db.queryLong("select count(*) from media_file where object_key like 'friend%/ingest/%' "
				+ "and upload_state = 'uploaded'");
		if (uploaded != total) {
			throw new IllegalStateException("only %d of %d ingested objects are uploaded rows".formatted(uploaded, total));
		}
		Profile profile = Profile.of(recording, from, to);

		Report.progress("ingest: baselines");
		double sqsAlone = sqsAlone(scale.events());
		double sqlAlone = sqlAlone(scale.events());

		report.heading("## Ingest: S3 events through the metadata ingestor");
		report.line(("%,d `ObjectCreated:Put` events (real notifications of S3 writes, waiting in `%s`), half confirming "
				+ "API uploads, half registering direct uploads (HEAD + owner lookup + insert); timed after %,d warm-up "
				+ "events. The ingestor: its exec jar, `-Xmx256m`, default settings (%d messages at a time). All %,d rows "
				+ "checked `uploaded` afterwards.").formatted(scale.events(), KleppResources.INGESTOR_UPLOADS_QUEUE, warm,
						CONCURRENCY, total));
		report.line("");
		report.line("| | events/s | |");
		report.line("|---|---|---|");
		report.line("| SQS alone (ElasticMQ: receive 10, delete each) | %,.0f | baseline |".formatted(sqsAlone));
		report.line("| the ingestor's SQL alone (`ObjectRegistry`, %d connections) | %,.0f | baseline |"
			.formatted(POOL, sqlAlone));
		report.line("| **ingestor** | **%,.0f** | %s of SQS alone, %s of SQL alone |".formatted(rate,
				Report.ratio(rate, sqsAlone), Report.ratio(rate, sqlAlone)));
		report.line("");
		report.line(("Inside the listener a message took %.1f ms on average (its `klepp_messages_processed_seconds`); "
				+ "with %d at a time that alone would allow %,.0f events/s, the rest of each message's time is receiving "
				+ "and acknowledging.").formatted(handlerMs, CONCURRENCY, CONCURRENCY * 1000 / handlerMs));
		report.line("");
		report.line("CPU over the timed events: " + cpu + ".");
		report.line("");
		report.line("Ingestor peak RSS: %,d MiB. CPU profile (JFR) over the timed events:".formatted(peakRss));
		report.block(profile.breakdown(8) + "\n" + profile.hottestMethods(8));
		report.verdict("ingest ≥ 500 events/s", rate >= 500,
				"%,.0f events/s (%s of SQS alone)".formatted(rate, Report.ratio(rate, sqsAlone)));
		return rate;
	}

	/** Keys under every seeded user, every other one announced through the API first (a pending row). */
	private List<String> prepare(String folder, int count) throws Exception {
		List<String> keys = new ArrayList<>();
		try (Connection connection = db.connect(); PreparedStatement insert = connection.prepareStatement("""
				insert into media_file (id, object_key, owner_id, display_name, content_type, media_kind, declared_size)
				select ?, ?, id, ?, 'video/mp4', 'video', 1024 from app_user where lower(name) = lower(?)""")) {
			for (int i = 0; i < count; i++) {
				String owner = "friend%02d".formatted(1 + i % scale.users());
				String key = owner + "/" + folder + "/" + UUID.randomUUID() + ".mp4";
				keys.add(key);
				if (i % 2 == 0) {
					insert.setObject(1, UUID.randomUUID());
					insert.setString(2, key);
					insert.setString(3, "announced " + i);
					insert.setString(4, owner);
					insert.addBatch();
				}
			}
			insert.executeBatch();
		}
		return keys;
	}

	private void awaitQueued(String queue, int count) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (stack.messagesIn(queue) < count) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("only " + stack.messagesIn(queue) + " of " + count + " events queued");
			}
			Thread.sleep(100);
		}
	}

	/** When at least {@code done} of {@code total} messages had left the queue (acknowledged). */
	private Instant awaitProcessed(int total, int done) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
		while (total - stack.messagesIn(KleppResources.INGESTOR_UPLOADS_QUEUE) < done) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("the ingestor did not get through the events in 10 minutes");
			}
			Thread.sleep(20);
		}
		return Instant.now();
	}

	/** Mean of a Prometheus timer over the successful messages of a queue. */
	static double meanSeconds(String metrics, String timer, String queue) {
		double sum = 0;
		double count = 0;
		for (String line : metrics.split("\n")) {
			if (line.startsWith("#") || !line.contains("queue=\"" + queue + "\"") || !line.contains("outcome=\"ok\"")) {
				continue;
			}
			double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			if (line.startsWith(timer + "_sum")) {
				sum += value;
			}
			else if (line.startsWith(timer + "_count")) {
				count += value;
			}
		}
		return count == 0 ? Double.NaN : sum / count;
	}

	private double sqsAlone(int count) throws Exception {
		String queue = "bench-sqs-baseline";
		var sqs = stack.sqsClient();
		String url = sqs.createQueue(c -> c.queueName(queue)).queueUrl();
		S3NotificationWriter writer = new S3NotificationWriter();
		String body = writer.toJson(new S3ObjectEvent("ObjectCreated:Put", Instant.now(), KleppResources.MEDIA_BUCKET,
				"friend01/ingest/" + UUID.randomUUID() + ".mp4", 1024L, "0f343b0931126a20f133d67c2b018a3b", null,
				"0000000000000001"), Devstack.REGION);
		for (int i = 0; i < count; i += 10) {
			var entries = new ArrayList<software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry>();
			for (int j = i; j < Math.min(count, i + 10); j++) {
				entries.add(software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry.builder()
					.id("m" + j)
					.messageBody(body)
					.build());
			}
			sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entries));
		}
		try (SqsAsyncClient async = SqsAsyncClient.builder()
			.endpointOverride(stack.sqsEndpoint())
			.region(software.amazon.awssdk.regions.Region.of(Devstack.REGION))
			.credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(stack.credentials()))
			.build()) {
			int deleted = 0;
			long began = System.nanoTime();
			while (deleted < count) {
				List<Message> messages = async.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
					.join()
					.messages();
				CompletableFuture.allOf(messages.stream()
					.map(m -> async.deleteMessage(d -> d.queueUrl(url).receiptHandle(m.receiptHandle())))
					.toArray(CompletableFuture[]::new)).join();
				deleted += messages.size();
			}
			return count / ((System.nanoTime() - began) / 1e9);
		}
		finally {
			sqs.deleteQueue(d -> d.queueUrl(url));
		}
	}

	private double sqlAlone(int count) throws Exception {
		List<String> keys = prepare("sql", count);
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(stack.jdbcUrl());
		config.setUsername("postgres");
		config.setPassword("");
		config.setMaximumPoolSize(POOL);
		try (HikariDataSource pool = new HikariDataSource(config)) {
			ObjectRegistry registry = Registries.on(JdbcClient.create(pool));
			TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(pool));
			AtomicInteger sequencer = new AtomicInteger();
			long began = System.nanoTime();
			parallel(keys, POOL, key -> {
				var object = new ObjectRegistry.StoredObject(key, 1024L, "0f343b0931126a20f133d67c2b018a3b",
						"%016x".formatted(sequencer.incrementAndGet()), Instant.now());
				ObjectRegistry.Outcome outcome = transaction.execute(t -> registry.created(object, null));
				if (outcome == ObjectRegistry.Outcome.UNKNOWN) {
					String owner = key.substring(0, key.indexOf('/'));
					Optional<UUID> ownerId = registry.userId(owner);
					transaction.execute(t -> registry.created(object, new ObjectRegistry.NewRow(ownerId.orElse(null),
							null, "direct", "video/mp4", "video")));
				}
			});
			return count / ((System.nanoTime() - began) / 1e9);
		}
	}

	interface Work {

		void run(String key) throws Exception;

	}

	static void parallel(List<String> keys, int threads, Work work) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> futures = new ArrayList<>();
			int slice = (keys.size() + threads - 1) / threads;
			for (int t = 0; t < threads; t++) {
				List<String> mine = keys.subList(Math.min(keys.size(), t * slice), Math.min(keys.size(), (t + 1) * slice));
				futures.add(pool.submit(() -> {
					for (String key : mine) {
						work.run(key);
					}
					return null;
				}));
			}
			for (Future<?> future : futures) {
				future.get();
			}
		}
		finally {
			pool.shutdown();
		}
	}

	private static double seconds(Instant from, Instant to) {
		return Duration.between(from, to).toNanos() / 1e9;
	}

}
