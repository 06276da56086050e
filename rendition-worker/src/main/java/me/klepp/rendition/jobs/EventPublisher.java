package me.klepp.rendition.jobs;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import me.klepp.events.EventCodec;
import me.klepp.events.EventEnvelope;
import me.klepp.events.KleppEvent;
import me.klepp.events.MediaRegenerationRequestedV1;
import me.klepp.messaging.SqsBatches;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

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
		SqsBatches.send(sqs, queueUrl(properties.requestsQueue()), requests.stream()
			.map(request -> encode(request.key() != null ? request.key() : "bulk", request))
			.toList());
	}

	private String encode(String subject, KleppEvent event) {
		return codec.encode(EventEnvelope.of(properties.eventSource().toString(), subject, event));
	}

	private String queueUrl(String queue) {
		return queueUrls.computeIfAbsent(queue, name -> sqs.getQueueUrl(get -> get.queueName(name)).join().queueUrl());
	}

}
