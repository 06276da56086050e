package me.klepp.rendition.jobs;

import java.util.concurrent.atomic.AtomicReference;

import me.klepp.events.EventCodec;
import me.klepp.events.EventEnvelope;
import me.klepp.events.KleppEvent;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/** Sends the worker's results, as CloudEvents JSON, to the metadata ingestor's queue. */
@Component
class EventPublisher {

	private final EventCodec codec = new EventCodec();

	private final SqsAsyncClient sqs;

	private final WorkerProperties properties;

	private final AtomicReference<String> queueUrl = new AtomicReference<>();

	EventPublisher(SqsAsyncClient sqs, WorkerProperties properties) {
		this.sqs = sqs;
		this.properties = properties;
	}

	/** Returns once SQS has accepted the event, so the upload's message is acknowledged only after that. */
	void publish(String key, KleppEvent event) {
		String body = codec.encode(EventEnvelope.of(properties.eventSource().toString(), key, event));
		sqs.sendMessage(send -> send.queueUrl(queueUrl()).messageBody(body)).join();
	}

	private String queueUrl() {
		return queueUrl.updateAndGet(url -> url != null ? url
				: sqs.getQueueUrl(get -> get.queueName(properties.mediaEventsQueue())).join().queueUrl());
	}

}
