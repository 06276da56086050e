package me.klepp.thumbnail.jobs;

import java.time.Duration;

import me.klepp.devstack.Devstack;
import me.klepp.devstack.KleppResources;
import me.klepp.events.MediaProcessingFailedV1;
import me.klepp.thumbnail.corpus.Corpus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A failure that might pass (here: every job runs out of time at once) is retried with back-off, and the file is
 * reported failed on the last attempt: it never stays pending, and never loops.
 */
@SpringBootTest(properties = { "klepp.thumbnail.poll-timeout=1s", "klepp.thumbnail.job-timeout=0s",
		"klepp.thumbnail.max-attempts=3", "klepp.thumbnail.retry-backoff=1s", "klepp.thumbnail.retry-backoff-max=2s" })
@DirtiesContext
class RetryTest {

	static final Devstack stack = Devstack.shared();

	@DynamicPropertySource
	static void devstack(DynamicPropertyRegistry registry) {
		stack.springProperties().forEach((key, value) -> registry.add(key, () -> value));
	}

	@Test
	void aJobThatKeepsTimingOutEndsFailedOnItsLastAttempt() {
		String key = "erin/always-too-slow.jpg";
		long began = System.nanoTime();
		stack.s3Client().putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(key), Corpus.image("jpg"));

		MediaProcessingFailedV1 failed = (MediaProcessingFailedV1) Inbox.awaitEvent(stack, key);

		assertThat(failed.reason()).isEqualTo("timed out after 0 s while opening the media (gave up after 3 attempts)");
		// back-offs of 1 s and 2 s between the three deliveries
		assertThat(Duration.ofNanos(System.nanoTime() - began)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
		await().untilAsserted(() -> assertThat(Inbox.inQueue(stack, KleppResources.THUMBNAIL_UPLOADS_QUEUE)).isZero());
		assertThat(Inbox.deadLettered(stack, KleppResources.THUMBNAIL_UPLOADS_QUEUE, key))
			.as("reported, not dead-lettered")
			.isFalse();
		assertThat(Inbox.eventsFor(stack, key)).hasSize(1);
	}

}
