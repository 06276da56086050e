package me.klepp.thumbnail.jobs;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import me.klepp.devstack.Devstack;
import me.klepp.devstack.KleppResources;
import me.klepp.devstack.media.SampleMedia;
import me.klepp.events.EventCodec;
import me.klepp.events.EventEnvelope;
import me.klepp.events.KleppEvent;
import me.klepp.events.MediaProcessedV1;
import me.klepp.events.MediaProcessingFailedV1;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worker as deployed: S3 events in from its queue, thumbnails out to the derived bucket, versioned events
 * out to the ingestor's queue (read here in its place).
 */
@SpringBootTest
class ThumbnailWorkerTest {

	static final Devstack stack = Devstack.shared();

	@DynamicPropertySource
	static void devstack(DynamicPropertyRegistry registry) {
		stack.springProperties().forEach((key, value) -> registry.add(key, () -> value));
	}

	final S3Client s3 = stack.s3Client();

	final EventCodec codec = new EventCodec();

	@Test
	void anUploadedClipGetsAThumbnailInTheDerivedBucketAndAProcessedEvent(@TempDir Path dir) throws Exception {
		Path clip = SampleMedia.clipWithBlackIntro(dir.resolve("clip.mp4"), 640, 360, 2.0, 5.0);
		String key = "alice/worker-test-clip.mp4";
		s3.putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(key).contentType("video/mp4"), clip);

		MediaProcessedV1 processed = (MediaProcessedV1) awaitEventFor(key).data();

		assertThat(processed.kind()).isEqualTo("video");
		assertThat(processed.thumbnailBucket()).isEqualTo(KleppResources.DERIVED_BUCKET);
		assertThat(processed.thumbnailKey()).isEqualTo(key + "/thumbnail.jpg");
		assertThat(processed.metadata().width()).isEqualTo(640);
		assertThat(processed.metadata().height()).isEqualTo(360);
		assertThat(processed.metadata().durationMs()).isBetween(4800L, 5200L);
		assertThat(processed.sizeBytes()).isEqualTo(clip.toFile().length());
		BufferedImage thumbnail = ImageIO.read(s3.getObject(g -> g.bucket(KleppResources.DERIVED_BUCKET)
			.key(processed.thumbnailKey())));
		assertThat(thumbnail.getWidth()).isEqualTo(480);
		assertThat(thumbnail.getHeight()).isEqualTo(270);
		assertThat(processed.thumbnailWidth()).isEqualTo(480);
	}

	@Test
	void aFileThatIsNotMediaIsReportedFailedOnceAndNotRetried() {
		String key = "alice/not-a-video.mp4";
		s3.putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(key).contentType("video/mp4"),
				RequestBody.fromString("this is a text file with a video name"));

		MediaProcessingFailedV1 failed = (MediaProcessingFailedV1) awaitEventFor(key).data();

		assertThat(failed.reason()).isNotBlank();
		assertThat(s3.listObjectsV2(l -> l.bucket(KleppResources.DERIVED_BUCKET).prefix(key + "/")).contents()).isEmpty();
		// acknowledged, not left for redelivery and the dead-letter queue
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(inFlight(KleppResources.THUMBNAIL_UPLOADS_QUEUE)
					+ inFlight(KleppResources.deadLetterQueue(KleppResources.THUMBNAIL_UPLOADS_QUEUE))).isZero());
	}

	@Test
	void anObjectRemovedBeforeProcessingIsSkipped() {
		String key = "alice/gone-before-processing.mp4";
		// Only the event arrives: the object it names does not exist (any more).
		stack.sqsClient().sendMessage(m -> m.queueUrl(stack.queueUrl(KleppResources.THUMBNAIL_UPLOADS_QUEUE))
			.messageBody(new me.klepp.events.s3.S3NotificationWriter().toJson(new me.klepp.events.s3.S3ObjectEvent(
					"ObjectCreated:Put", java.time.Instant.now(), KleppResources.MEDIA_BUCKET, key, 10L,
					"0123456789abcdef0123456789abcdef", null, "00AA"), Devstack.REGION)));

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(inFlight(KleppResources.THUMBNAIL_UPLOADS_QUEUE)).isZero());
		assertThat(eventsSeen).noneMatch(e -> key.equals(e.subject()));
		assertThat(inFlight(KleppResources.deadLetterQueue(KleppResources.THUMBNAIL_UPLOADS_QUEUE))).isZero();
	}

	/** Events read from the ingestor's queue so far, by any test of this class. */
	static final List<EventEnvelope<KleppEvent>> eventsSeen = new ArrayList<>();

	private EventEnvelope<KleppEvent> awaitEventFor(String key) {
		String url = stack.queueUrl(KleppResources.MEDIA_EVENTS_QUEUE);
		return await().atMost(Duration.ofSeconds(60)).until(() -> {
			for (var message : stack.sqsClient().receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)
				.waitTimeSeconds(1)).messages()) {
				eventsSeen.add(codec.decode(message.body()));
				stack.sqsClient().deleteMessage(d -> d.queueUrl(url).receiptHandle(message.receiptHandle()));
			}
			return eventsSeen.stream().filter(e -> key.equals(e.subject())).findFirst().orElse(null);
		}, e -> e != null);
	}

	private int inFlight(String queue) {
		var attributes = stack.sqsClient()
			.getQueueAttributes(a -> a.queueUrl(stack.queueUrl(queue))
				.attributeNamesWithStrings("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
			.attributesAsStrings();
		return Integer.parseInt(attributes.get("ApproximateNumberOfMessages"))
				+ Integer.parseInt(attributes.get("ApproximateNumberOfMessagesNotVisible"));
	}

}
