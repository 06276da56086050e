package me.klepp.ingestor;

import java.time.Duration;
import java.util.Map;

import me.klepp.devstack.Devstack;
import me.klepp.devstack.KleppResources;
import me.klepp.events.EventCodec;
import me.klepp.events.EventEnvelope;
import me.klepp.events.KleppEvent;
import me.klepp.events.MediaMetadata;
import me.klepp.events.MediaProcessedV1;
import me.klepp.events.MediaProcessingFailedV1;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The poster, preview and rotation the worker reports land in their columns (V3), from events of this worker
 * and of workers from before those fields existed.
 */
@SpringBootTest
class DerivativesTest {

	static final Devstack stack = Devstack.shared();

	@DynamicPropertySource
	static void devstack(DynamicPropertyRegistry registry) {
		stack.springProperties().forEach((key, value) -> registry.add(key, () -> value));
	}

	static final String ETAG = "9b2cf535f27731c974343645a3985328";

	@Autowired
	JdbcClient jdbc;

	final EventCodec codec = new EventCodec();

	@Test
	void posterPreviewAndRotationAreStored() {
		String key = pendingFile();

		send(new MediaProcessedV1(KleppResources.MEDIA_BUCKET, key, ETAG, 4096L, "video", KleppResources.DERIVED_BUCKET,
				key + "/thumbnail.jpg", 270, 480, new MediaMetadata(6000L, 1080, 1920, "hevc", 30.0, true, 9_000_000L, 90),
				key + "/poster.jpg", 720, 1280, key + "/preview.mp4"));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(row(key))
			.containsEntry("processing_state", "done")
			.containsEntry("poster_key", key + "/poster.jpg")
			.containsEntry("poster_width", 720)
			.containsEntry("poster_height", 1280)
			.containsEntry("preview_key", key + "/preview.mp4")
			.containsEntry("rotation", 90)
			.containsEntry("width", 1080)
			.containsEntry("height", 1920));
	}

	@Test
	void anEventOfAnOlderWorkerLeavesNoStalePosterBehindAndKeepsThePreviewOfItsVersion() {
		String key = pendingFile();
		send(new MediaProcessedV1(KleppResources.MEDIA_BUCKET, key, ETAG, 4096L, "video", KleppResources.DERIVED_BUCKET,
				key + "/thumbnail.jpg", 480, 270, new MediaMetadata(6000L, 1280, 720, "h264", 25.0, false, 800_000L, 0),
				key + "/poster.jpg", 1280, 720, key + "/preview.mp4"));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(row(key)).containsEntry("preview_key", key + "/preview.mp4"));

		// e.g. a regeneration by a worker rolled back to the first release: every column of the processed event says
		// what it said. The preview is a result of its own now (preview-ready.v1, which current workers send after
		// this event): a processed event without one says nothing about it, and the preview of this version stays.
		send(new MediaProcessedV1(KleppResources.MEDIA_BUCKET, key, ETAG, 4096L, "video", KleppResources.DERIVED_BUCKET,
				key + "/thumbnail.jpg", 320, 180, new MediaMetadata(6000L, 1280, 720, "h264", 25.0, false, 800_000L)));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(row(key))
			.containsEntry("thumbnail_width", 320)
			.containsEntry("poster_key", null)
			.containsEntry("poster_width", null)
			.containsEntry("preview_key", key + "/preview.mp4")
			.containsEntry("rotation", null));
	}

	@Test
	void aLateFailureKeepsThePosterAndPreview() {
		String key = pendingFile();
		send(new MediaProcessedV1(KleppResources.MEDIA_BUCKET, key, ETAG, 4096L, "image", KleppResources.DERIVED_BUCKET,
				key + "/thumbnail.jpg", 480, 300, new MediaMetadata(null, 2560, 1600, "png", null, false, null, 0),
				key + "/poster.jpg", 1280, 800, null));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(row(key)).containsEntry("processing_state", "done"));

		send(new MediaProcessingFailedV1(KleppResources.MEDIA_BUCKET, key, ETAG, "timed out"));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(messages()).isZero());
		assertThat(row(key)).containsEntry("processing_state", "done")
			.containsEntry("poster_key", key + "/poster.jpg")
			.containsEntry("preview_key", null);
	}

	private String pendingFile() {
		return PendingFiles.create(jdbc);
	}

	private void send(KleppEvent event) {
		String body = codec.encode(EventEnvelope.of("urn:test", null, event));
		stack.sqsClient()
			.sendMessage(m -> m.queueUrl(stack.queueUrl(KleppResources.MEDIA_EVENTS_QUEUE)).messageBody(body));
	}

	private Map<String, Object> row(String key) {
		return jdbc.sql("""
				select processing_state, thumbnail_width, poster_key, poster_width, poster_height, preview_key, rotation,
				       width, height
				from media_file where object_key = :key""").param("key", key).query().singleRow();
	}

	private int messages() {
		var attributes = stack.sqsClient()
			.getQueueAttributes(a -> a.queueUrl(stack.queueUrl(KleppResources.MEDIA_EVENTS_QUEUE))
				.attributeNamesWithStrings("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
			.attributesAsStrings();
		return Integer.parseInt(attributes.get("ApproximateNumberOfMessages"))
				+ Integer.parseInt(attributes.get("ApproximateNumberOfMessagesNotVisible"));
	}

}
