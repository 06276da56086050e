package me.klepp.thumbnail.jobs;

import java.time.Duration;

import me.klepp.devstack.Devstack;
import me.klepp.devstack.KleppResources;
import me.klepp.thumbnail.corpus.Corpus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When the trouble is not the file but the system around it (here: the queue the results go to does not exist),
 * the message is retried and, on its last delivery, dead-lettered with what kept failing: kept for an operator to
 * redrive, rather than reported as a bad file.
 */
@SpringBootTest(properties = { "klepp.thumbnail.poll-timeout=1s",
		"klepp.thumbnail.media-events-queue=klepp-no-such-queue", "klepp.thumbnail.retry-backoff=1s",
		"klepp.thumbnail.retry-backoff-max=1s" })
@DirtiesContext
class InfrastructureFailureTest {

	static final Devstack stack = Devstack.shared();

	@DynamicPropertySource
	static void devstack(DynamicPropertyRegistry registry) {
		stack.springProperties().forEach((key, value) -> registry.add(key, () -> value));
	}

	@Test
	void aJobThatCannotReportItsResultIsDeadLetteredWithTheReasonAfterItsRetries() {
		String key = "frank/nowhere-to-report.png";
		stack.s3Client().putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(key), Corpus.image("png"));

		String reason = await().atMost(Duration.ofSeconds(30))
			.until(() -> Inbox.deadLetterReason(stack, KleppResources.THUMBNAIL_UPLOADS_QUEUE, key),
					found -> found != null);
		assertThat(reason).startsWith("gave up after " + KleppResources.MAX_RECEIVE_COUNT + " deliveries: ")
			.contains("QueueDoesNotExist");
		assertThat(Inbox.eventsFor(stack, key)).isEmpty();
	}

}
