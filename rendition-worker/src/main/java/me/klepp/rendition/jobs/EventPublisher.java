package me.klepp.rendition.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import me.klepp.events.EventCodec;
import me.klepp.events.EventEnvelope;
import me.klepp.events.KleppEvent;
import me.klepp.events.MediaRegenerationRequestedV1;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Sends the worker's results, as CloudEvents JSON, to the metadata ingestor's queue, and the requests of a bulk
 * regeneration's page to the worker's own requests queue.
 */
@Component
class EventPublisher {

	private final EventCodec codec = new EventCodec();

	private final SqsAsyncClient sqs;

	private final WorkerProperties properties;

	private final Map<String, String> queueUrls = new ConcurrentHashMap<>();

	EventPublisher(SqsAsyncClient sqs, WorkerProperties properties) {
		this.sqs = sqs;
		this.properties = properties;
	}

	/** Returns once SQS has accepted the event, so the upload's message is acknowledged only after that. */
	void publish(String key, KleppEvent event) {
		String body = encode(key, event);
		sqs.sendMessage(send -> send.queueUrl(queueUrl(properties.mediaEventsQueue())).messageBody(body)).join();
	}

	/** Queues these requests for this worker; returns once SQS has accepted every one of them. */
	void request(List<MediaRegenerationRequestedV1> requests) {
		String url = queueUrl(properties.requestsQueue());
		for (int from = 0; from < requests.size(); from += 10) { // SQS takes at most 10 per batch
			List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
			for (int i = from; i < Math.min(from + 10, requests.size()); i++) {
				MediaRegenerationRequestedV1 request = requests.get(i);
				entries.add(SendMessageBatchRequestEntry.builder()
					.id(Integer.toString(i))
					.messageBody(encode(request.key() != null ? request.key() : "bulk", request))
					.build());
			}
			var response = sqs.sendMessageBatch(batch -> batch.queueUrl(url).entries(entries)).join();
			if (!response.failed().isEmpty()) {
				throw new IllegalStateException("SQS refused " + response.failed().size() + " regeneration requests: "
						+ response.failed().get(0).message());
			}
		}
	}

	private String encode(String subject, KleppEvent event) {
		return codec.encode(EventEnvelope.of(properties.eventSource().toString(), subject, event));
	}

	private String queueUrl(String queue) {
		return queueUrls.computeIfAbsent(queue, name -> sqs.getQueueUrl(get -> get.queueName(name)).join().queueUrl());
	}

}
