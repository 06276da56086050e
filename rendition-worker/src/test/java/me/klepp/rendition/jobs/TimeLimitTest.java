package me.klepp.rendition.jobs;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import me.klepp.devstack.Devstack;
import me.klepp.devstack.KleppResources;
import me.klepp.events.EventCodec;
import me.klepp.events.KleppEvent;
import me.klepp.events.RenditionFailedV1;
import me.klepp.events.s3.S3NotificationWriter;
import me.klepp.events.s3.S3ObjectEvent;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A transcode that runs past its time limit is tried again after a back-off, then reported failed with the
 * reason; the upload itself stays where it is, downloadable.
 */
@SpringBootTest(properties = { "klepp.rendition.poll-timeout=1s", "klepp.rendition.time-limit=0s",
		"klepp.rendition.time-limit-per-minute=0s", "klepp.rendition.max-attempts=2",
		"klepp.rendition.retry-backoff=1s" })
@DirtiesContext
class TimeLimitTest {

	static final Devstack stack = Devstack.shared();

	static final String UPLOADS = "rendition-limit-uploads-" + UUID.randomUUID();

	static final String EVENTS = "rendition-limit-events-" + UUID.randomUUID();

	@DynamicPropertySource
	static void devstack(DynamicPropertyRegistry registry) {
		stack.springProperties().forEach((key, value) -> registry.add(key, () -> value));
		stack.sqsClient().createQueue(c -> c.queueName(UPLOADS));
		stack.sqsClient().createQueue(c -> c.queueName(EVENTS));
		registry.add("klepp.rendition.uploads-queue", () -> UPLOADS);
		registry.add("klepp.rendition.media-events-queue", () -> EVENTS);
	}

	@Test
	void aTranscodePastItsTimeLimitIsRetriedThenFailedAndTheOriginalStays() throws Exception {
		String key = "erin/" + UUID.randomUUID() + ".mp4";
		Path hevc = Path.of(TimeLimitTest.class.getResource("/media/hevc-320x180.mp4").toURI());
		stack.s3Client().putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(key).contentType("video/mp4"), hevc);
		String eTag = stack.s3Client().headObject(h -> h.bucket(KleppResources.MEDIA_BUCKET).key(key)).eTag()
			.replace("\"", "");
		String body = new S3NotificationWriter().toJson(new S3ObjectEvent("ObjectCreated:Put", Instant.now(),
				KleppResources.MEDIA_BUCKET, key, 1L, eTag, null, "0A"), Devstack.REGION);
		stack.sqsClient().sendMessage(m -> m.queueUrl(url(UPLOADS)).messageBody(body));

		KleppEvent event = await().atMost(Duration.ofSeconds(60)).until(this::nextEvent, e -> e != null);

		assertThat(event).isInstanceOf(RenditionFailedV1.class);
		assertThat(((RenditionFailedV1) event).reason()).isEqualTo("ran past its time limit of 0 s (gave up after 2 attempts)");
		assertThat(stack.s3Client().headObject(h -> h.bucket(KleppResources.MEDIA_BUCKET).key(key)).eTag())
			.as("the upload stays").contains(eTag);
	}

	private KleppEvent nextEvent() {
		List<software.amazon.awssdk.services.sqs.model.Message> messages = stack.sqsClient()
			.receiveMessage(r -> r.queueUrl(url(EVENTS)).waitTimeSeconds(1)).messages();
		return messages.isEmpty() ? null : new EventCodec().decode(messages.get(0).body()).data();
	}

	private static String url(String queue) {
		return stack.sqsClient().getQueueUrl(g -> g.queueName(queue)).queueUrl();
	}

}
