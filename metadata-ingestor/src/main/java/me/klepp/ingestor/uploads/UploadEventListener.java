package me.klepp.ingestor.uploads;

import io.awspring.cloud.sqs.annotation.SqsListener;
import me.klepp.events.s3.S3Notification;
import me.klepp.events.s3.S3NotificationParser;
import me.klepp.events.s3.S3ObjectEvent;
import me.klepp.ingestor.catalog.ObjectRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import me.klepp.messaging.MessageHandling;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/** S3 says an object was written or removed in the media bucket. */
@Component
class UploadEventListener {

	private static final Logger log = LoggerFactory.getLogger(UploadEventListener.class);

	private final S3NotificationParser parser = new S3NotificationParser();

	private final DirectUploads uploads;

	private final MessageHandling handling;

	UploadEventListener(DirectUploads uploads, MessageHandling handling) {
		this.uploads = uploads;
		this.handling = handling;
	}

	// Several receives in flight: with one batch of ten at a time, the ingestor mostly waited for the batch's
	// slowest message and the next receive (docs/benchmarks.md).
	@SqsListener(value = "${klepp.ingestor.uploads-queue}",
			maxConcurrentMessages = "${klepp.ingestor.uploads-concurrency:40}")
	void onS3Notification(Message<String> message) {
		handling.handle(message, body -> {
			S3Notification notification = parser.parse(body);
			if (notification instanceof S3Notification.ObjectEvents events) {
				events.records().forEach(this::apply);
			}
			else if (notification instanceof S3Notification.TestEvent test) {
				log.info("S3 test event for bucket {} acknowledged", test.bucket());
			}
		});
	}

	private void apply(S3ObjectEvent event) {
		MessageHandling.aboutFile(event.key());
		if (event.isCreated()) {
			var outcome = uploads.created(new ObjectRegistry.StoredObject(event.key(), event.size(), event.eTag(),
					event.sequencer(), event.eventTime()));
			log.info("{} {}: {}", event.eventName(), event.key(), outcome);
		}
		else if (event.isRemoved()) {
			boolean removed = uploads.removed(event.key(), event.sequencer());
			log.info("{} {}: {}", event.eventName(), event.key(), removed ? "row removed" : "nothing to remove");
		}
	}

}
