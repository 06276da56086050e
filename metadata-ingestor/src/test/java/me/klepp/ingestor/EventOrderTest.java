package me.klepp.ingestor;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import me.klepp.devstack.Devstack;
import me.klepp.devstack.KleppResources;
import me.klepp.events.EventCodec;
import me.klepp.events.EventEnvelope;
import me.klepp.events.MediaMetadata;
import me.klepp.events.MediaProcessedV1;
import me.klepp.events.s3.S3NotificationWriter;
import me.klepp.events.s3.S3ObjectEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ingestor hears about an upload twice, from S3 and from the thumbnail worker, on two queues with no order
 * between them. Whatever the order, and however often each arrives, the row ends the same.
 */
@SpringBootTest
class EventOrderTest {

	static final Devstack stack = Devstack.shared();

	@DynamicPropertySource
	static void devstack(DynamicPropertyRegistry registry) {
		stack.springProperties().forEach((key, value) -> registry.add(key, () -> value));
	}

	@Autowired
	JdbcClient jdbc;

	final EventCodec codec = new EventCodec();

	final S3NotificationWriter s3Events = new S3NotificationWriter();

	@Test
	void uploadThenProcessedAndProcessedThenUploadEndInTheSameRow() {
		String uploadFirst = pendingFile();
		send(KleppResources.INGESTOR_UPLOADS_QUEUE, uploaded(uploadFirst));
		awaitState(uploadFirst, "uploaded", "pending");
		send(KleppResources.MEDIA_EVENTS_QUEUE, processed(uploadFirst));
		awaitState(uploadFirst, "uploaded", "done");

		String processedFirst = pendingFile();
		send(KleppResources.MEDIA_EVENTS_QUEUE, processed(processedFirst));
		awaitState(processedFirst, "pending", "done");
		send(KleppResources.INGESTOR_UPLOADS_QUEUE, uploaded(processedFirst));
		awaitState(processedFirst, "uploaded", "done");

		assertThat(comparable(processedFirst)).isEqualTo(comparable(uploadFirst));
	}

	@Test
	void theSameEventsDeliveredThreeTimesTakeEffectOnce() {
		String key = pendingFile();
		for (int i = 0; i < 3; i++) {
			send(KleppResources.INGESTOR_UPLOADS_QUEUE, uploaded(key));
			send(KleppResources.MEDIA_EVENTS_QUEUE, processed(key));
		}
		awaitState(key, "uploaded", "done");
		awaitQueuesDrained();

		assertThat(jdbc.sql("select count(*) from media_file where object_key = :key").param("key", key).query(Long.class)
			.single()).isEqualTo(1);
		assertThat(comparable(key)).containsEntry("size_bytes", 4096L).containsEntry("thumbnail_width", 480);
	}

	@Test
	void theS3TestEventIsAcknowledgedAndSkipped() {
		send(KleppResources.INGESTOR_UPLOADS_QUEUE, s3Events.testEventJson(KleppResources.MEDIA_BUCKET));

		awaitQueuesDrained();
		assertThat(deadLetters(KleppResources.INGESTOR_UPLOADS_QUEUE)).isZero();
	}

	private String pendingFile() {
		return PendingFiles.create(jdbc);
	}

	private String uploaded(String key) {
		return s3Events.toJson(new S3ObjectEvent("ObjectCreated:Put", Instant.parse("2026-01-01T12:00:00Z"),
				KleppResources.MEDIA_BUCKET, key, 4096L, "9b2cf535f27731c974343645a3985328", null, "0055AED6DCD90281E5"),
				Devstack.REGION);
	}

	private String processed(String key) {
		return codec.encode(EventEnvelope.of("urn:test", key,
				new MediaProcessedV1(KleppResources.MEDIA_BUCKET, key, "9b2cf535f27731c974343645a3985328", 4096L,
						"video", KleppResources.DERIVED_BUCKET, key + "/thumbnail.jpg", 480, 270,
						new MediaMetadata(6000L, 1280, 720, "h264", 25.0, false, 800_000L))));
	}

	private void send(String queue, String body) {
		stack.sqsClient().sendMessage(m -> m.queueUrl(stack.queueUrl(queue)).messageBody(body));
	}

	private void awaitState(String key, String uploadState, String processingState) {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(comparable(key))
			.containsEntry("upload_state", uploadState)
			.containsEntry("processing_state", processingState));
	}

	private void awaitQueuesDrained() {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(messages(KleppResources.INGESTOR_UPLOADS_QUEUE)).isZero();
			assertThat(messages(KleppResources.MEDIA_EVENTS_QUEUE)).isZero();
		});
	}

	/** The row without what differs by construction between two files (ids, keys, timestamps of writing). */
	private Map<String, Object> comparable(String key) {
		return jdbc.sql("""
				select upload_state, size_bytes, etag, uploaded_at, processing_state, processing_error,
				       replace(thumbnail_key, object_key, '') as thumbnail_suffix, thumbnail_width, thumbnail_height,
				       duration_ms, width, height, video_codec, fps, has_audio, bitrate
				from media_file where object_key = :key""").param("key", key).query().singleRow();
	}

	private int messages(String queue) {
		return stack.messagesIn(queue);
	}

	private int deadLetters(String queue) {
		return messages(KleppResources.deadLetterQueue(queue));
	}

}
