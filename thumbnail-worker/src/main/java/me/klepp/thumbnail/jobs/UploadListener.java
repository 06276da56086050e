package me.klepp.thumbnail.jobs;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.awspring.cloud.sqs.listener.SqsHeaders;
import io.awspring.cloud.sqs.listener.Visibility;
import me.klepp.events.s3.S3Notification;
import me.klepp.events.s3.S3NotificationParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import me.klepp.messaging.Deliveries;
import me.klepp.messaging.MessageHandling;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

/** Every object created in the media bucket becomes a thumbnail job. */
@Component
class UploadListener {

	private static final Logger log = LoggerFactory.getLogger(UploadListener.class);

	private final S3NotificationParser parser = new S3NotificationParser();

	private final ThumbnailJobs jobs;

	private final Deliveries deliveries;

	private final MessageHandling handling;

	UploadListener(ThumbnailJobs jobs, Deliveries deliveries, MessageHandling handling) {
		this.jobs = jobs;
		this.deliveries = deliveries;
		this.handling = handling;
	}

	// No more messages fetched than can run at once: a fetched message's visibility runs out while it waits.
	@SqsListener(value = "${klepp.thumbnail.uploads-queue}", maxConcurrentMessages = "${klepp.thumbnail.concurrency}",
			maxMessagesPerPoll = "${klepp.thumbnail.concurrency}")
	void onS3Notification(Message<String> message, Visibility visibility,
			@Header(SqsHeaders.MessageSystemAttributes.SQS_APPROXIMATE_RECEIVE_COUNT) String receiveCount) {
		handling.handle(message, body -> deliveries.handle(visibility, receiveCount, attempt -> {
			S3Notification notification = parser.parse(body);
			if (notification instanceof S3Notification.ObjectEvents events) {
				events.records().stream().filter(event -> event.isCreated())
					.forEach(event -> {
						MessageHandling.aboutFile(event.key());
						jobs.process(Job.upload(event), attempt);
					});
			}
			else if (notification instanceof S3Notification.TestEvent test) {
				log.info("S3 test event for bucket {} acknowledged", test.bucket());
			}
		}));
	}

}
