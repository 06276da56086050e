package me.klepp.ingestor.uploads;

import io.awspring.cloud.sqs.annotation.SqsListener;
import me.klepp.events.s3.S3Notification;
import me.klepp.events.s3.S3NotificationParser;
import me.klepp.events.s3.S3ObjectEvent;
import me.klepp.ingestor.catalog.MediaCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** S3 says an object was written or removed in the media bucket. */
@Component
class UploadEventListener {

	private static final Logger log = LoggerFactory.getLogger(UploadEventListener.class);

	private final S3NotificationParser parser = new S3NotificationParser();

	private final MediaCatalog catalog;

	UploadEventListener(MediaCatalog catalog) {
		this.catalog = catalog;
	}

	@SqsListener("${klepp.ingestor.uploads-queue}")
	void onS3Notification(String body) {
		S3Notification notification = parser.parse(body);
		if (notification instanceof S3Notification.ObjectEvents events) {
			events.records().forEach(this::apply);
		}
		else if (notification instanceof S3Notification.TestEvent test) {
			log.info("S3 test event for bucket {} acknowledged", test.bucket());
		}
	}

	private void apply(S3ObjectEvent event) {
		if (event.isCreated()) {
			if (catalog.confirmUpload(event)) {
				log.info("upload confirmed: {} ({} bytes)", event.key(), event.size());
			}
			else {
				log.warn("object {} has no catalog row: it did not come through the API", event.key());
			}
		}
		else {
			log.info("{} of {} noted", event.eventName(), event.key());
		}
	}

}
