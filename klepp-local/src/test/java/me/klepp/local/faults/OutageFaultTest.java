package me.klepp.local.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import me.klepp.devstack.Devstack;
import me.klepp.devstack.KleppResources;
import me.klepp.devstack.media.SampleMedia;
import me.klepp.events.s3.S3NotificationWriter;
import me.klepp.events.s3.S3ObjectEvent;
import me.klepp.local.KleppSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static me.klepp.local.faults.FaultScenarios.after;
import static me.klepp.local.faults.FaultScenarios.announce;
import static me.klepp.local.faults.FaultScenarios.assertNothingDeadLettered;
import static me.klepp.local.faults.FaultScenarios.inFlight;
import static me.klepp.local.faults.FaultScenarios.put;
import static me.klepp.local.faults.FaultScenarios.row;
import static me.klepp.local.faults.FaultScenarios.uploadedAndProcessed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Outages of what the services depend on, while a clip is on its way: PostgreSQL down for 10 s, SQS unreachable,
 * S3 unreachable; and duplicate deliveries. Each time the clip ends up listed exactly once with its thumbnail,
 * and nothing is dead-lettered: processing resumes by itself.
 */
class OutageFaultTest {

	static Devstack stack;

	static KleppSystem system;

	static byte[] clip;

	@BeforeAll
	static void start(@TempDir Path dir) throws Exception {
		stack = Devstack.startForFaultTests(5);
		system = KleppSystem.startForTests(stack, "--klepp.thumbnail.retry-backoff=2s",
				"--klepp.thumbnail.visibility-timeout=5s", "--klepp.messaging.poll-backoff-max=3s");
		clip = Files.readAllBytes(SampleMedia.clip(dir.resolve("clip.mp4"), "mp4", "mpeg4", 320, 240, 2.0, 25));
	}

	@AfterAll
	static void stop() {
		if (system != null) {
			system.close();
		}
		if (stack != null) {
			stack.close();
		}
	}

	@AfterEach
	void restoreEverything() {
		stack.faults().s3().restore();
		stack.faults().sqs().restore();
		stack.faults().postgres().restore();
	}

	@Test
	void postgresDownForTenSecondsDelaysButLosesNothing() throws Exception {
		var ticket = announce(stack, system.apiPort(), "pg-outage", "during outage.mp4", clip.length);
		String key = ticket.get("path").asString();

		stack.faults().postgres().cut();
		after(Duration.ofSeconds(10), () -> stack.faults().postgres().restore());
		assertThat(put(ticket, clip)).isEqualTo(200);
		// The ingestor has the upload event but cannot write it down yet.
		await().atMost(Duration.ofSeconds(8)).until(() -> inFlight(stack, KleppResources.INGESTOR_UPLOADS_QUEUE) > 0);
		assertThat(row(stack, key)).containsEntry("upload_state", "pending");

		await().atMost(Duration.ofSeconds(60)).until(() -> uploadedAndProcessed(row(stack, key)));
		assertThat(row(stack, key)).containsEntry("copies", 1L).containsEntry("size", (long) clip.length);
		assertNothingDeadLettered(stack);
	}

	@Test
	void sqsUnreachableDelaysButLosesNothing() throws Exception {
		var ticket = announce(stack, system.apiPort(), "sqs-outage", "clip.mp4", clip.length);
		String key = ticket.get("path").asString();

		stack.faults().sqs().cut();
		assertThat(put(ticket, clip)).isEqualTo(200);
		after(Duration.ofSeconds(10), () -> stack.faults().sqs().restore());
		// S3 queued the events (it reaches SQS itself); the services cannot receive them until SQS is back.
		await().atMost(Duration.ofSeconds(60)).until(() -> uploadedAndProcessed(row(stack, key)));
		assertThat(row(stack, key)).containsEntry("copies", 1L);
		assertNothingDeadLettered(stack);
	}

	@Test
	void s3UnreachableForTheWorkerDelaysButLosesNothing() throws Exception {
		String user = "s3-outage";
		announce(stack, system.apiPort(), user, "registers the user.mp4", 1);
		String key = user + "/" + UUID.randomUUID() + ".mp4";

		stack.faults().s3().cut();
		after(Duration.ofSeconds(10), () -> stack.faults().s3().restore());
		// Written by someone who still reaches S3 (ShareX, straight to the bucket); the services do not.
		stack.s3Client().putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(key).contentType("video/mp4"),
				software.amazon.awssdk.core.sync.RequestBody.fromBytes(clip));

		await().atMost(Duration.ofSeconds(90)).until(() -> uploadedAndProcessed(row(stack, key)));
		assertThat(row(stack, key)).containsEntry("copies", 1L);
		assertNothingDeadLettered(stack);
	}

	@Test
	void theSameS3EventThreeTimesIsOneFileProcessedToOneResult() throws Exception {
		String user = "duplicates";
		announce(stack, system.apiPort(), user, "registers the user.mp4", 1);
		String key = user + "/" + UUID.randomUUID() + ".mp4";
		var put = stack.s3Client().putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(key)
			.contentType("video/mp4"), software.amazon.awssdk.core.sync.RequestBody.fromBytes(clip));
		await().atMost(Duration.ofSeconds(60)).until(() -> uploadedAndProcessed(row(stack, key)));

		String duplicate = new S3NotificationWriter().toJson(new S3ObjectEvent("ObjectCreated:Put", Instant.now(),
				KleppResources.MEDIA_BUCKET, key, (long) clip.length, put.eTag().replace("\"", ""), null,
				"0000000000000001"), Devstack.REGION);
		for (int i = 0; i < 3; i++) {
			for (String queue : KleppResources.UPLOAD_SUBSCRIBERS) {
				stack.sqsClient().sendMessage(m -> m.queueUrl(stack.queueUrl(queue)).messageBody(duplicate));
			}
		}

		await().atMost(Duration.ofSeconds(60)).until(() -> FaultScenarios.messages(stack,
				KleppResources.INGESTOR_UPLOADS_QUEUE) == 0 && FaultScenarios.messages(stack,
						KleppResources.THUMBNAIL_UPLOADS_QUEUE) == 0 && FaultScenarios.messages(stack,
								KleppResources.MEDIA_EVENTS_QUEUE) == 0);
		assertThat(row(stack, key)).containsEntry("copies", 1L).containsEntry("upload_state", "uploaded")
			.containsEntry("thumbnail", key + "/thumbnail.jpg");
		assertThat(stack.s3Client().listObjectsV2(l -> l.bucket(KleppResources.DERIVED_BUCKET).prefix(key + "/"))
			.contents()).extracting(o -> o.key()).doesNotHaveDuplicates().contains(key + "/thumbnail.jpg");
		assertNothingDeadLettered(stack);
	}

}
