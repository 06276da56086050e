package me.klepp.ingestor.media;

import io.awspring.cloud.sqs.annotation.SqsListener;
import me.klepp.events.EventCodec;
import me.klepp.events.MediaProcessedV1;
import me.klepp.events.MediaProcessingFailedV1;
import me.klepp.ingestor.catalog.MediaCatalog;
import me.klepp.ingestor.catalog.NotYetRegisteredException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import me.klepp.messaging.MessageHandling;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/** The thumbnail worker reports what it made of a file. */
@Component
class MediaEventListener {

	private static final Logger log = LoggerFactory.getLogger(MediaEventListener.class);

	private final EventCodec codec = new EventCodec();

	private final MediaCatalog catalog;

	private final MessageHandling handling;

	MediaEventListener(MediaCatalog catalog, MessageHandling handling) {
		this.catalog = catalog;
		this.handling = handling;
	}

	@SqsListener("${klepp.ingestor.media-events-queue}")
	void onMediaEvent(Message<String> message) {
		handling.handle(message, this::apply);
	}

	private void apply(String body) {
		var envelope = codec.decode(body);
		MessageHandling.aboutFile(envelope.subject());
		if (envelope.data() instanceof MediaProcessedV1 processed) {
			if (!catalog.recordProcessed(processed)) {
				throw new NotYetRegisteredException(processed.key());
			}
			log.info("thumbnail and metadata recorded for {}", processed.key());
		}
		else if (envelope.data() instanceof MediaProcessingFailedV1 failed) {
			if (!catalog.recordFailed(failed)) {
				throw new NotYetRegisteredException(failed.key());
			}
			log.info("processing of {} failed: {}", failed.key(), failed.reason());
		}
		else {
			log.warn("{} is not for the ingestor; acknowledged and ignored", envelope.type());
		}
	}

}
