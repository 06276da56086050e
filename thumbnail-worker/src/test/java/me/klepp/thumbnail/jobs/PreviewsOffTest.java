package me.klepp.thumbnail.jobs;

import java.time.Duration;

import me.klepp.devstack.Devstack;
import me.klepp.devstack.KleppResources;
import me.klepp.events.MediaProcessedV1;
import me.klepp.thumbnail.corpus.Corpus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With previews switched off ({@code preview-length=0s}) a clip is reported processed and that is all: no
 * preview-ready event follows, and nothing is left at {@code <key>/preview.mp4}.
 */
@SpringBootTest(properties = { "klepp.thumbnail.poll-timeout=1s", "klepp.thumbnail.preview-length=0s" })
@DirtiesContext
class PreviewsOffTest {

	static final Devstack stack = Devstack.shared();

	@DynamicPropertySource
	static void devstack(DynamicPropertyRegistry registry) {
		stack.springProperties().forEach((key, value) -> registry.add(key, () -> value));
	}

	@Test
	void aClipIsProcessedWithoutAPreviewOrItsEvent() {
		String key = "alice/no-previews-here.mp4";
		stack.s3Client()
			.putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(key).contentType("video/mp4"), Corpus.tiny());

		MediaProcessedV1 processed = (MediaProcessedV1) Inbox.awaitEvent(stack, key);

		assertThat(processed.kind()).isEqualTo("video");
		assertThat(processed.previewKey()).isNull();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(Inbox.inQueue(stack, KleppResources.THUMBNAIL_UPLOADS_QUEUE)).isZero());
		assertThat(Inbox.eventsFor(stack, key)).hasSize(1);
		assertThat(stack.s3Client()
			.listObjectsV2(l -> l.bucket(KleppResources.DERIVED_BUCKET).prefix(key + "/"))
			.contents()
			.stream()
			.map(o -> o.key())
			.toList()).containsExactlyInAnyOrder(key + "/poster.jpg", key + "/thumbnail.jpg");
	}

}
