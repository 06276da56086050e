package me.klepp.thumbnail.messaging;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import me.klepp.events.EventCodec;
import me.klepp.events.EventEnvelope;
import me.klepp.events.KleppEvent;
import me.klepp.events.MediaRegenerationRequestedV1;
import me.klepp.messaging.SqsBatches;
import me.klepp.thumbnail.ThumbnailProperties;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Sends versioned klepp events as CloudEvents JSON: results to the metadata ingestor's queue, and regeneration
 * requests to the worker's own request queue (bulk requests fan out through it).
 */
@Component
public class MediaEventPublisher {

	private final EventCodec codec = new EventCodec();

	private final SqsAsyncClient sqs;

	private final ThumbnailProperties properties;

	private final Map<String, String> queueUrls = new ConcurrentHashMap<>();

	MediaEventPublisher(SqsAsyncClient sqs, ThumbnailProperties properties) {
		this.sqs = sqs;
		this.properties = properties;
	}

	/** Returns once SQS has accepted the event, so the upload message is acknowledged only after that. */
	public void publish(String subject, KleppEvent event) {
		String body = encode(subject, event);
		sqs.sendMessage(send -> send.queueUrl(queueUrl(properties.mediaEventsQueue())).messageBody(body)).join();
	}

	/** Queues the requests for this worker; returns once SQS has accepted every one of them. */
	public void request(List<MediaRegenerationRequestedV1> requests) {
		SqsBatches.send(sqs, queueUrl(properties.requestsQueue()), requests.stream()
			.map(request -> encode(request.key() != null ? request.key() : "bulk", request))
			.toList());
	}

	private String encode(String subject, KleppEvent event) {
		return codec.encode(EventEnvelope.of(properties.eventSource().toString(), subject, event));
	}

	private String queueUrl(String queue) {
		return queueUrls.computeIfAbsent(queue,
				name -> sqs.getQueueUrl(get -> get.queueName(name)).join().queueUrl());
	}

}
