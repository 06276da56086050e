package me.klepp.api.outbox;

import java.time.Duration;

import me.klepp.api.support.ApiIntegrationTest;
import me.klepp.devstack.Devstack;
import me.klepp.events.MediaRegenerationRequestedV1;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An event whose queue cannot take it stays in the outbox, with its error, until it can: nothing is lost. */
class EventOutboxTest extends ApiIntegrationTest {

	@Autowired
	EventOutbox outbox;

	@Test
	void anUndeliverableEventWaitsWithItsErrorAndIsDeliveredOnceTheQueueIsThere() {
		String queue = "outbox-test-" + System.nanoTime();
		outbox.enqueue(queue, "alice/x.mp4", MediaRegenerationRequestedV1.one("klepp-media", "alice/x.mp4", "test"))
			.block();

		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(db
			.sql("select attempts, last_error from event_outbox where queue = :q").bind("q", queue)
			.map(row -> row.get("attempts", Integer.class) + " " + row.get("last_error", String.class)).one().block())
			.startsWith("1 "));

		var sqs = Devstack.shared().sqsClient();
		String url = sqs.createQueue(c -> c.queueName(queue)).queueUrl();
		db.sql("update event_outbox set next_attempt_at = now() where queue = :q").bind("q", queue).then().block();

		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			assertThat(db.sql("select count(*) as n from event_outbox where queue = :q").bind("q", queue)
				.map(row -> row.get("n", Long.class)).one().block()).isZero();
		});
		var messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
		assertThat(messages).hasSize(1);
		assertThat(messages.get(0).body()).contains("me.klepp.media.regeneration-requested.v1").contains("alice/x.mp4");
	}

}
