package me.klepp.rendition.jobs;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.awspring.cloud.sqs.listener.SqsHeaders;
import io.awspring.cloud.sqs.listener.Visibility;
import me.klepp.events.s3.S3Notification;
import me.klepp.events.s3.S3NotificationParser;
import me.klepp.messaging.Deliveries;
import me.klepp.messaging.MessageHandling;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

/** Every object created in the media bucket may need a rendition. */
@Component
class UploadListener {

	private final S3NotificationParser parser = new S3NotificationParser();

	private final RenditionJobs jobs;

	private final Deliveries deliveries;

	private final MessageHandling handling;

	UploadListener(RenditionJobs jobs, Deliveries deliveries, MessageHandling handling) {
		this.jobs = jobs;
		this.deliveries = deliveries;
		this.handling = handling;
	}

	// No more messages fetched than can run at once: a fetched message's visibility runs out while it waits.
	@SqsListener(value = "${klepp.rendition.uploads-queue}", maxConcurrentMessages = "${klepp.rendition.concurrency}",
			maxMessagesPerPoll = "${klepp.rendition.concurrency}")
	void onS3Notification(Message<String> message, Visibility visibility,
			@Header(SqsHeaders.MessageSystemAttributes.SQS_APPROXIMATE_RECEIVE_COUNT) String receiveCount) {
		handling.handle(message, body -> deliveries.handle(visibility, receiveCount, attempt -> {
			if (parser.parse(body) instanceof S3Notification.ObjectEvents events) {
				events.records().stream().filter(event -> event.isCreated()).forEach(event -> {
					MessageHandling.aboutFile(event.key());
					jobs.process(event, attempt);
				});
			}
		}));
	}

}
