package me.klepp.thumbnail.messaging;

import me.klepp.events.EventCodec;
import me.klepp.events.EventEnvelope;
import me.klepp.events.KleppEvent;
import me.klepp.thumbnail.ThumbnailProperties;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/** Sends versioned klepp events to the metadata ingestor's queue, as CloudEvents JSON. */
@Component
public class MediaEventPublisher {

	private final EventCodec codec = new EventCodec();

	private final SqsAsyncClient sqs;

	private final ThumbnailProperties properties;

	private volatile String queueUrl;

	MediaEventPublisher(SqsAsyncClient sqs, ThumbnailProperties properties) {
		this.sqs = sqs;
		this.properties = properties;
	}

	/** Returns once SQS has accepted the event, so the upload message is acknowledged only after that. */
	public void publish(String subject, KleppEvent event) {
		String body = codec.encode(EventEnvelope.of(properties.eventSource().toString(), subject, event));
		sqs.sendMessage(send -> send.queueUrl(queueUrl()).messageBody(body)).join();
	}

	private String queueUrl() {
		if (queueUrl == null) {
			queueUrl = sqs.getQueueUrl(get -> get.queueName(properties.mediaEventsQueue())).join().queueUrl();
		}
		return queueUrl;
	}

}
