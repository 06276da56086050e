package me.klepp.rendition.jobs;

import io.awspring.cloud.sqs.annotation.SqsListener;
import io.awspring.cloud.sqs.listener.SqsHeaders;
import io.awspring.cloud.sqs.listener.Visibility;
import me.klepp.events.EventCodec;
import me.klepp.events.MediaRegenerationRequestedV1;
import me.klepp.messaging.Deliveries;
import me.klepp.messaging.MessageHandling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import org.springframework.messaging.handler.annotation.Header;

/**
 * Requests to make renditions again ({@code me.klepp.media.regeneration-requested.v1}, the same the thumbnail worker
 * gets): one object is a job like an upload, of its current version; a bulk request becomes one request per object,
 * a page at a time. One message at a time, so a bulk regeneration runs beside new uploads without crowding them
 * out.
 */
@Component
class RegenerationListener {

	private static final Logger log = LoggerFactory.getLogger(RegenerationListener.class);

	private final EventCodec codec = new EventCodec();

	private final RenditionJobs jobs;

	private final BulkRegeneration bulk;

	private final Deliveries deliveries;

	private final MessageHandling handling;

	RegenerationListener(RenditionJobs jobs, BulkRegeneration bulk, Deliveries deliveries, MessageHandling handling) {
		this.jobs = jobs;
		this.bulk = bulk;
		this.deliveries = deliveries;
		this.handling = handling;
	}

	@SqsListener(value = "${klepp.rendition.requests-queue}", maxConcurrentMessages = "1", maxMessagesPerPoll = "1")
	void onRequest(Message<String> message, Visibility visibility,
			@Header(SqsHeaders.MessageSystemAttributes.SQS_APPROXIMATE_RECEIVE_COUNT) String receiveCount) {
		handling.handle(message, body -> deliveries.handle(visibility, receiveCount, attempt -> {
			if (codec.decode(body).data() instanceof MediaRegenerationRequestedV1 request) {
				if (request.bulk()) {
					bulk.nextPage(request);
				}
				else {
					MessageHandling.aboutFile(request.key());
					jobs.regenerate(request.bucket(), request.key(), attempt);
				}
			}
			else {
				log.warn("ignoring an event that is no request to the rendition worker: {}", body);
			}
		}));
	}

}
