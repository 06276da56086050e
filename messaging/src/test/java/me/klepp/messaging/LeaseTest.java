package me.klepp.messaging;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.awspring.cloud.sqs.listener.Visibility;
import me.klepp.devstack.Devstack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A running job keeps its message from a second worker for as long as it runs, against the real queue. */
class LeaseTest {

	static final Devstack stack = Devstack.shared();

	final SqsClient sqs = stack.sqsClient();

	final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

	final String queue = sqs.createQueue(c -> c.queueName("lease-test-" + System.nanoTime())).queueUrl();

	@AfterEach
	void cleanUp() {
		timer.shutdownNow();
		sqs.deleteQueue(d -> d.queueUrl(queue));
	}

	@Test
	void aHeldMessageStaysInvisibleLongAfterItsOwnTimeoutAndReturnsSoonAfterRelease() {
		sqs.sendMessage(s -> s.queueUrl(queue).messageBody("job"));
		Message received = receive(1); // the queue would show it again after 1 s

		try (Lease lease = Lease.hold(visibilityOf(received), timer, Duration.ofSeconds(3))) {
			await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7)).until(() -> receive(30) == null);
		}

		// no more renewals: back within the 3 s of the last one
		assertThat(await().atMost(Duration.ofSeconds(5)).until(() -> receive(30), m -> m != null).body())
			.isEqualTo("job");
	}

	@Test
	void aReleasedMessageComesBackAfterTheRetryDelay() {
		sqs.sendMessage(s -> s.queueUrl(queue).messageBody("job"));
		Message received = receive(30);
		Lease lease = Lease.hold(visibilityOf(received), timer, Duration.ofSeconds(30));

		lease.releaseFor(Duration.ofSeconds(1));

		assertThat(await().atMost(Duration.ofSeconds(4)).until(() -> receive(30), m -> m != null).body())
			.isEqualTo("job");
	}

	private Message receive(int visibilitySeconds) {
		return sqs.receiveMessage(r -> r.queueUrl(queue).visibilityTimeout(visibilitySeconds).maxNumberOfMessages(1))
			.messages()
			.stream()
			.findFirst()
			.orElse(null);
	}

	/** What Spring Cloud AWS hands a listener, on the real queue. */
	private Visibility visibilityOf(Message message) {
		return seconds -> CompletableFuture.runAsync(() -> sqs.changeMessageVisibility(
				c -> c.queueUrl(queue).receiptHandle(message.receiptHandle()).visibilityTimeout(seconds)));
	}

}
