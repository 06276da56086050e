package me.klepp.messaging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * A message that can never be processed (not JSON, an unknown event type or version) goes straight to its
 * queue's dead-letter queue with the reason attached, instead of being received and failed until the redrive
 * policy moves it: it is kept for a person to look at, and the queue is not slowed by it.
 */
public class PoisonMessages {

	private static final Logger log = LoggerFactory.getLogger(PoisonMessages.class);

	public static final String DEAD_LETTER_SUFFIX = "-dlq";

	public static final String REASON_ATTRIBUTE = "klepp-poison-reason";

	private final SqsAsyncClient sqs;

	private final Map<String, String> urls = new ConcurrentHashMap<>();

	PoisonMessages(SqsAsyncClient sqs) {
		this.sqs = sqs;
	}

	/** Returns once the dead-letter queue has the message, so the original may then be acknowledged. */
	public void deadLetter(String queue, String body, String reason) {
		String deadLetterQueue = queue + DEAD_LETTER_SUFFIX;
		String url = urls.computeIfAbsent(deadLetterQueue,
				name -> sqs.getQueueUrl(get -> get.queueName(name)).join().queueUrl());
		String shortReason = reason == null ? "unknown" : reason.length() > 250 ? reason.substring(0, 250) : reason;
		sqs.sendMessage(send -> send.queueUrl(url)
			.messageBody(body.isEmpty() ? "(empty body)" : body)
			.messageAttributes(Map.of(REASON_ATTRIBUTE,
					MessageAttributeValue.builder().dataType("String").stringValue(shortReason).build())))
			.join();
		log.warn("poison message from {} moved to {}: {}", queue, deadLetterQueue, shortReason);
	}

}
