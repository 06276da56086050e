package me.klepp.thumbnail.jobs;

import io.awspring.cloud.sqs.annotation.SqsListener;
import me.klepp.events.s3.S3Notification;
import me.klepp.events.s3.S3NotificationParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Every object created in the media bucket becomes a thumbnail job. */
@Component
class UploadListener {

	private static final Logger log = LoggerFactory.getLogger(UploadListener.class);

	private final S3NotificationParser parser = new S3NotificationParser();

	private final ThumbnailJobs jobs;

	UploadListener(ThumbnailJobs jobs) {
		this.jobs = jobs;
	}

	@SqsListener("${klepp.thumbnail.uploads-queue}")
	void onS3Notification(String body) {
		S3Notification notification = parser.parse(body);
		if (notification instanceof S3Notification.ObjectEvents events) {
			events.records().stream().filter(event -> event.isCreated()).forEach(jobs::process);
		}
		else if (notification instanceof S3Notification.TestEvent test) {
			log.info("S3 test event for bucket {} acknowledged", test.bucket());
		}
	}

}
