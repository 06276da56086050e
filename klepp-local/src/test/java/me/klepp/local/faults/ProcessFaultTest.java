package me.klepp.local.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import me.klepp.devstack.Devstack;
import me.klepp.devstack.KleppResources;
import me.klepp.events.EventCodec;
import me.klepp.devstack.media.SampleMedia;
import me.klepp.events.MediaProcessedV1;
import me.klepp.events.RenditionProgressedV1;
import me.klepp.events.RenditionReadyV1;
import me.klepp.events.s3.S3NotificationWriter;
import me.klepp.events.s3.S3ObjectEvent;
import me.klepp.ingestor.MetadataIngestorApplication;
import me.klepp.rendition.RenditionWorkerApplication;
import me.klepp.thumbnail.ThumbnailWorkerApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

import static me.klepp.local.faults.FaultScenarios.after;
import static me.klepp.local.faults.FaultScenarios.assertNothingDeadLettered;
import static me.klepp.local.faults.FaultScenarios.database;
import static me.klepp.local.faults.FaultScenarios.inFlight;
import static me.klepp.local.faults.FaultScenarios.messages;
import static me.klepp.local.faults.FaultScenarios.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Services as separate processes, killed or stopped in the middle of a job: the message comes back after its
 * visibility timeout and takes effect once; on SIGTERM the job finishes and its acknowledgement is sent before
 * the process exits, within Heroku's 30 s.
 */
class ProcessFaultTest {

	static final int VISIBILITY_SECONDS = 5;

	static Devstack stack;

	@BeforeAll
	static void start() {
		stack = Devstack.startForFaultTests(VISIBILITY_SECONDS);
	}

	@AfterAll
	static void stop() {
		stack.close();
	}

	@Test
	void anIngestorKilledMidJobLosesNothingAndTheRedeliveryTakesEffectOnce() throws Exception {
		String key;
		try (Connection lock = database(stack)) {
			try (ServiceProcess ingestor = startIngestor()) {
				key = pendingFile();
				holdRow(lock, key);
				sendUploadEvent(key);
				await().atMost(Duration.ofSeconds(20)).until(() -> inFlight(stack, KleppResources.INGESTOR_UPLOADS_QUEUE) == 1);
				ingestor.kill();
			}
			lock.rollback();
		}
		assertThat(row(stack, key)).containsEntry("upload_state", "pending");

		try (ServiceProcess ingestor = startIngestor()) {
			await().atMost(Duration.ofSeconds(60)).until(() -> "uploaded".equals(row(stack, key).get("upload_state")));
			await().atMost(Duration.ofSeconds(20)).until(() -> messages(stack, KleppResources.INGESTOR_UPLOADS_QUEUE) == 0);
		}
		assertThat(row(stack, key)).containsEntry("copies", 1L);
		assertNothingDeadLettered(stack);
	}

	@Test
	void onSigtermTheIngestorFinishesItsJobAcknowledgesItAndExitsWithin25Seconds() throws Exception {
		String key;
		Duration shutdown;
		try (Connection lock = database(stack); ServiceProcess ingestor = startIngestor()) {
			key = pendingFile();
			holdRow(lock, key);
			sendUploadEvent(key);
			await().atMost(Duration.ofSeconds(20)).until(() -> inFlight(stack, KleppResources.INGESTOR_UPLOADS_QUEUE) == 1);
			// The job is stuck on the row for 3 more seconds, well into the shutdown.
			after(Duration.ofSeconds(3), () -> rollbackQuietly(lock));
			shutdown = ingestor.terminate(Duration.ofSeconds(30));
		}

		assertThat(shutdown).isLessThan(Duration.ofSeconds(25));
		assertThat(row(stack, key)).containsEntry("upload_state", "uploaded");
		// Acknowledged before exit: the message does not come back after its visibility timeout.
		await().during(Duration.ofSeconds(VISIBILITY_SECONDS + 3)).atMost(Duration.ofSeconds(VISIBILITY_SECONDS + 6))
			.until(() -> messages(stack, KleppResources.INGESTOR_UPLOADS_QUEUE) == 0);
	}

	@Test
	void aWorkerKilledWhileItCannotReadS3LosesNothingAndThenReportsOnce() throws Exception {
		String key = "worker-crash/" + UUID.randomUUID() + ".png";
		stack.faults().s3().cut();
		try (ServiceProcess worker = startWorker()) {
			stack.s3Client().putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(key).contentType("image/png"),
					RequestBody.fromBytes(png()));
			await().atMost(Duration.ofSeconds(20)).until(() -> inFlight(stack, KleppResources.THUMBNAIL_UPLOADS_QUEUE) == 1);
			worker.kill();
		}
		finally {
			stack.faults().s3().restore();
		}

		EventCodec codec = new EventCodec();
		try (ServiceProcess worker = startWorker()) {
			String url = stack.queueUrl(KleppResources.MEDIA_EVENTS_QUEUE);
			var reports = new java.util.ArrayList<MediaProcessedV1>();
			await().atMost(Duration.ofSeconds(90)).until(() -> {
				for (var message : stack.sqsClient().receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)
					.waitTimeSeconds(1)).messages()) {
					if (codec.decode(message.body()).data() instanceof MediaProcessedV1 processed && processed.key().equals(key)) {
						reports.add(processed);
					}
					stack.sqsClient().deleteMessage(d -> d.queueUrl(url).receiptHandle(message.receiptHandle()));
				}
				return !reports.isEmpty() && messages(stack, KleppResources.THUMBNAIL_UPLOADS_QUEUE) == 0;
			});
			assertThat(reports).hasSize(1);
			assertThat(stack.s3Client().headObject(h -> h.bucket(KleppResources.DERIVED_BUCKET)
				.key(reports.get(0).thumbnailKey())).contentLength()).isPositive();
		}
		assertThat(messages(stack, KleppResources.deadLetterQueue(KleppResources.THUMBNAIL_UPLOADS_QUEUE))).isZero();
	}

	@Test
	void aRenditionWorkerKilledMidTranscodeRedoesTheJobAndOneRenditionResults(@TempDir Path dir) throws Exception {
		String key = "rendition-crash/" + UUID.randomUUID() + ".mkv";
		// H.264 with Opus in Matroska: the audio is not for browsers, so a full transcode, long enough to be caught
		Path clip = SampleMedia.clip(dir.resolve("obs.mkv"), "mkv", "h264", 1280, 720, 20, 30, true);
		Path workDir = Files.createDirectories(dir.resolve("work"));
		try (ServiceProcess worker = startRenditionWorker(workDir)) {
			stack.s3Client().putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(key)
				.contentType("video/x-matroska"), clip);
			// the source is downloaded and the encoder has begun writing the rendition
			await().atMost(Duration.ofSeconds(60)).until(() -> renditionsBeingWritten(workDir) == 1);
			assertThat(inFlight(stack, KleppResources.RENDITION_UPLOADS_QUEUE)).isEqualTo(1);
			worker.kill();
		}
		assertThat(renditionReports(key, new ArrayList<>())).as("no result from the killed worker").isEmpty();
		assertThat(derivedObjects(key)).isEmpty();

		List<RenditionReadyV1> reports = new ArrayList<>();
		List<Integer> progress = new ArrayList<>();
		try (ServiceProcess worker = startRenditionWorker(workDir)) {
			await().atMost(Duration.ofSeconds(180)).until(() -> {
				reports.addAll(renditionReports(key, progress));
				return !reports.isEmpty() && messages(stack, KleppResources.RENDITION_UPLOADS_QUEUE) == 0;
			});
		}
		reports.addAll(renditionReports(key, progress));
		// the redone transcode said how far it got, a tenth at a time (SQS may reorder them)
		assertThat(progress).isNotEmpty().allMatch(percent -> percent % 10 == 0 && percent > 0 && percent <= 100);
		assertThat(reports).hasSize(1);
		RenditionReadyV1 ready = reports.get(0);
		assertThat(ready.decision()).isEqualTo(RenditionReadyV1.TRANSCODE);
		assertThat(ready.durationMs()).isBetween(19_900L, 20_100L);
		assertThat(derivedObjects(key)).containsExactly(key + "/playable.mp4");
		assertThat(stack.s3Client().headObject(h -> h.bucket(KleppResources.DERIVED_BUCKET).key(ready.renditionKey()))
			.contentLength()).isEqualTo(ready.sizeBytes());
		assertThat(messages(stack, KleppResources.deadLetterQueue(KleppResources.RENDITION_UPLOADS_QUEUE))).isZero();
		// the killed worker's job directory (source and half a rendition) was removed by the next one
		try (var left = Files.list(workDir)) {
			assertThat(left.toList()).isEmpty();
		}
	}

	private ServiceProcess startRenditionWorker(Path workDir) throws Exception {
		return ServiceProcess.start(RenditionWorkerApplication.class, stack.springProperties(),
				"--klepp.rendition.work-dir=" + workDir, "--klepp.rendition.retry-backoff=2s",
				"--klepp.rendition.progress-interval=0s",
				"--klepp.rendition.visibility-timeout=" + VISIBILITY_SECONDS + "s", "--klepp.rendition.poll-timeout=2s");
	}

	/** Renditions the encoder has begun to write in the worker's job directories. */
	private static long renditionsBeingWritten(Path workDir) throws Exception {
		try (var files = Files.walk(workDir)) {
			return files.filter(f -> f.getFileName().toString().equals("playable.mp4")).count();
		}
	}

	/** The rendition results about {@code key} on the ingestor's queue, taken off it; its progress into the list. */
	private static List<RenditionReadyV1> renditionReports(String key, List<Integer> progress) {
		EventCodec codec = new EventCodec();
		String url = stack.queueUrl(KleppResources.MEDIA_EVENTS_QUEUE);
		List<RenditionReadyV1> reports = new ArrayList<>();
		for (var message : stack.sqsClient().receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)
			.waitTimeSeconds(1)).messages()) {
			var event = codec.decode(message.body());
			if (event.data() instanceof RenditionReadyV1 ready && ready.key().equals(key)) {
				reports.add(ready);
			}
			if (event.data() instanceof RenditionProgressedV1 progressed && progressed.key().equals(key)) {
				progress.add(progressed.percent());
			}
			if (key.equals(event.subject())) {
				stack.sqsClient().deleteMessage(d -> d.queueUrl(url).receiptHandle(message.receiptHandle()));
			}
		}
		return reports;
	}

	private static List<String> derivedObjects(String key) {
		return stack.s3Client().listObjectsV2(l -> l.bucket(KleppResources.DERIVED_BUCKET).prefix(key + "/"))
			.contents().stream().map(o -> o.key()).toList();
	}

	private ServiceProcess startIngestor() throws Exception {
		return ServiceProcess.start(MetadataIngestorApplication.class, stack.springProperties(),
				"--klepp.messaging.poll-timeout=2s");
	}

	private ServiceProcess startWorker() throws Exception {
		return ServiceProcess.start(ThumbnailWorkerApplication.class, stack.springProperties(),
				"--klepp.thumbnail.retry-backoff=2s", "--klepp.thumbnail.visibility-timeout=" + VISIBILITY_SECONDS + "s",
				"--klepp.thumbnail.poll-timeout=2s");
	}

	private String pendingFile() throws Exception {
		String user = "crash-" + UUID.randomUUID().toString().substring(0, 8);
		String key = user + "/" + UUID.randomUUID() + ".mp4";
		try (Connection connection = database(stack); var insert = connection.prepareStatement("""
				with owner as (insert into app_user (id, name) values (gen_random_uuid(), ?) returning id)
				insert into media_file (id, object_key, owner_id, display_name, content_type, media_kind)
				select gen_random_uuid(), ?, id, 'clip', 'video/mp4', 'video' from owner""")) {
			insert.setString(1, user);
			insert.setString(2, key);
			insert.executeUpdate();
		}
		return key;
	}

	/** Another transaction holds the row, so the ingestor's write waits: a job caught in the middle. */
	private static void holdRow(Connection connection, String key) throws Exception {
		connection.setAutoCommit(false);
		try (var select = connection.prepareStatement("select 1 from media_file where object_key = ? for update")) {
			select.setString(1, key);
			select.executeQuery();
		}
	}

	private static void rollbackQuietly(Connection connection) {
		try {
			connection.rollback();
		}
		catch (Exception ignored) {
			// The test fails on its own assertions if the row stays locked.
		}
	}

	private void sendUploadEvent(String key) {
		String body = new S3NotificationWriter().toJson(new S3ObjectEvent("ObjectCreated:Put", Instant.now(),
				KleppResources.MEDIA_BUCKET, key, 1234L, "0123456789abcdef0123456789abcdef", null, null), Devstack.REGION);
		stack.sqsClient().sendMessage(m -> m.queueUrl(stack.queueUrl(KleppResources.INGESTOR_UPLOADS_QUEUE)).messageBody(body));
	}

	private static byte[] png() throws Exception {
		var image = new java.awt.image.BufferedImage(64, 48, java.awt.image.BufferedImage.TYPE_INT_RGB);
		var g = image.createGraphics();
		g.setPaint(new java.awt.GradientPaint(0, 0, java.awt.Color.RED, 64, 48, java.awt.Color.BLUE));
		g.fillRect(0, 0, 64, 48);
		g.dispose();
		var out = new java.io.ByteArrayOutputStream();
		javax.imageio.ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

}
