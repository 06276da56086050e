package me.klepp.thumbnail.jobs;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import me.klepp.devstack.Devstack;
import me.klepp.devstack.KleppResources;
import me.klepp.events.EventCodec;
import me.klepp.events.EventEnvelope;
import me.klepp.events.KleppEvent;
import me.klepp.messaging.PoisonMessages;

import static org.awaitility.Awaitility.await;

/**
 * Reads the ingestor's queue in the ingestor's place: every event the worker sent, for all test classes of the JVM
 * (a class that read another's events would otherwise lose them).
 */
final class Inbox {

	private static final List<EventEnvelope<KleppEvent>> seen = new CopyOnWriteArrayList<>();

	private static final EventCodec codec = new EventCodec();

	private Inbox() {
	}

	/** Waits for the {@code n}th event about {@code key} and returns it. */
	static KleppEvent awaitEvent(Devstack stack, String key, int n) {
		return await().atMost(Duration.ofSeconds(60)).until(() -> {
			poll(stack);
			return eventsFor(key).size() >= n ? eventsFor(key).get(n - 1) : null;
		}, event -> event != null);
	}

	static KleppEvent awaitEvent(Devstack stack, String key) {
		return awaitEvent(stack, key, 1);
	}

	/** The events about {@code key} read so far (after reading what is waiting). */
	static List<KleppEvent> eventsFor(Devstack stack, String key) {
		poll(stack);
		return eventsFor(key);
	}

	private static List<KleppEvent> eventsFor(String key) {
		return seen.stream().filter(e -> key.equals(e.subject())).map(EventEnvelope::data).toList();
	}

	private static synchronized void poll(Devstack stack) {
		String url = stack.queueUrl(KleppResources.MEDIA_EVENTS_QUEUE);
		for (var message : stack.sqsClient()
			.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
			.messages()) {
			seen.add(codec.decode(message.body()));
			stack.sqsClient().deleteMessage(d -> d.queueUrl(url).receiptHandle(message.receiptHandle()));
		}
	}

	/** Messages waiting or in flight on a queue. */
	static int inQueue(Devstack stack, String queue) {
		var attributes = stack.sqsClient()
			.getQueueAttributes(a -> a.queueUrl(stack.queueUrl(queue))
				.attributeNamesWithStrings("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
			.attributesAsStrings();
		return Integer.parseInt(attributes.get("ApproximateNumberOfMessages"))
				+ Integer.parseInt(attributes.get("ApproximateNumberOfMessagesNotVisible"));
	}

	/** Whether a message whose body contains {@code text} is in the dead-letter queue of {@code queue}. */
	static boolean deadLettered(Devstack stack, String queue, String text) {
		return deadLetterReason(stack, queue, text) != null;
	}

	/**
	 * The {@code klepp-poison-reason} of the message whose body contains {@code text} in the dead-letter queue of
	 * {@code queue}: null when there is no such message, "" when it has no reason.
	 */
	static String deadLetterReason(Devstack stack, String queue, String text) {
		String url = stack.queueUrl(KleppResources.deadLetterQueue(queue));
		// a short visibility: looking must not hide the message from the next look
		return stack.sqsClient()
			.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(1)
				.messageAttributeNames("All"))
			.messages()
			.stream()
			.filter(m -> m.body().contains(text))
			.map(m -> m.messageAttributes().containsKey(PoisonMessages.REASON_ATTRIBUTE)
					? m.messageAttributes().get(PoisonMessages.REASON_ATTRIBUTE).stringValue() : "")
			.findFirst()
			.orElse(null);
	}

}
