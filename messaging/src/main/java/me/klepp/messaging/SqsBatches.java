package me.klepp.messaging;

import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** Sends many messages to one queue in batches of ten, SQS's most per request. */
public final class SqsBatches {

	private static final int MOST_PER_BATCH = 10;

	private SqsBatches() {
	}

	/** Returns once SQS has accepted every one of them; throws when it refused any. */
	public static void send(SqsAsyncClient sqs, String queueUrl, List<String> bodies) {
		for (int from = 0; from < bodies.size(); from += MOST_PER_BATCH) {
			List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
			for (int i = from; i < Math.min(from + MOST_PER_BATCH, bodies.size()); i++) {
				entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(bodies.get(i)).build());
			}
			var response = sqs.sendMessageBatch(batch -> batch.queueUrl(queueUrl).entries(entries)).join();
			if (!response.failed().isEmpty()) {
				throw new IllegalStateException("SQS refused " + response.failed().size() + " of " + entries.size()
						+ " messages: " + response.failed().get(0).message());
			}
		}
	}

}
