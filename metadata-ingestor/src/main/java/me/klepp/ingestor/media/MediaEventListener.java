package me.klepp.ingestor.media;

import java.util.Optional;
import java.util.function.Function;

import io.awspring.cloud.sqs.annotation.SqsListener;
import me.klepp.events.EventCodec;
import me.klepp.events.MediaProcessedV1;
import me.klepp.events.MediaProcessingFailedV1;
import me.klepp.events.PreviewReadyV1;
import me.klepp.events.RenditionFailedV1;
import me.klepp.events.RenditionProgressedV1;
import me.klepp.events.RenditionReadyV1;
import me.klepp.ingestor.catalog.MediaCatalog;
import me.klepp.ingestor.catalog.MediaCatalog.Recording;
import me.klepp.ingestor.catalog.NotYetRegisteredException;
import me.klepp.ingestor.catalog.ObjectRegistry;
import me.klepp.ingestor.storage.S3Properties;
import me.klepp.messaging.MessageHandling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * The workers report what they made of a file (the thumbnail worker: processed or failed, then a clip's preview;
 * the rendition worker: a rendition or none), each result in any order with the others. A result is believed only
 * when it passes {@link ResultChecks} and is about the current version of the object:
 * <ul>
 * <li>the row knows that version, or none yet (the worker may be faster than S3's event): written;</li>
 * <li>the row knows another version: S3 says which is current. The result's: the catalog is behind, written.
 * Another, or the object is gone: a stale result (of an overwritten or removed object), acknowledged and
 * ignored;</li>
 * <li>no row: while S3 holds this version, its registration is still to come, so the message is retried (its
 * visibility timeout); when the object is gone, the result is stale and what the worker wrote for it is queued
 * for deletion.</li>
 * </ul>
 */
@Component
class MediaEventListener {

	private static final Logger log = LoggerFactory.getLogger(MediaEventListener.class);

	private final EventCodec codec = new EventCodec();

	private final MediaCatalog catalog;

	private final ResultChecks checks;

	private final ObjectVersions versions;

	private final ObjectRegistry registry;

	private final S3Properties buckets;

	private final MessageHandling handling;

	MediaEventListener(MediaCatalog catalog, ResultChecks checks, ObjectVersions versions, ObjectRegistry registry,
			S3Properties buckets, MessageHandling handling) {
		this.catalog = catalog;
		this.checks = checks;
		this.versions = versions;
		this.registry = registry;
		this.buckets = buckets;
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
			MessageHandling.aboutFile(processed.key());
			checks.check(processed);
			if (accept(processed.key(), processed.etag(), rowEtag -> catalog.recordProcessed(processed, rowEtag))) {
				log.info("thumbnail and metadata recorded for {}", processed.key());
			}
		}
		else if (envelope.data() instanceof MediaProcessingFailedV1 failed) {
			MessageHandling.aboutFile(failed.key());
			String reason = checks.check(failed);
			if (accept(failed.key(), failed.etag(), rowEtag -> catalog.recordFailed(failed, reason, rowEtag))) {
				log.info("processing of {} failed: {}", failed.key(), reason);
			}
		}
		else if (envelope.data() instanceof PreviewReadyV1 ready) {
			MessageHandling.aboutFile(ready.key());
			checks.check(ready);
			if (accept(ready.key(), ready.etag(), rowEtag -> catalog.recordPreview(ready, rowEtag))) {
				log.info("hover preview recorded for {}", ready.key());
			}
		}
		else if (envelope.data() instanceof RenditionReadyV1 ready) {
			MessageHandling.aboutFile(ready.key());
			checks.check(ready);
			if (accept(ready.key(), ready.etag(), rowEtag -> catalog.recordRendition(ready, rowEtag))) {
				log.info("{} of {} recorded", ready.decision(), ready.key());
			}
		}
		else if (envelope.data() instanceof RenditionFailedV1 failed) {
			MessageHandling.aboutFile(failed.key());
			String reason = checks.check(failed);
			if (accept(failed.key(), failed.etag(), rowEtag -> catalog.recordRenditionFailed(failed, reason, rowEtag))) {
				log.info("no rendition of {}: {}", failed.key(), reason);
			}
		}
		else if (envelope.data() instanceof RenditionProgressedV1 progressed) {
			MessageHandling.aboutFile(progressed.key());
			checks.check(progressed);
			if (catalog.recordRenditionProgress(progressed)) {
				log.debug("transcode of {} at {}%", progressed.key(), progressed.percent());
			}
		}
		else {
			log.warn("{} is not for the ingestor; acknowledged and ignored", envelope.type());
		}
	}

	/**
	 * @param record writes the result, given the version the row must know (null: the result's, or none)
	 * @return whether the result was written
	 */
	private boolean accept(String key, String etag, Function<String, Recording> record) {
		Recording recording = record.apply(null);
		switch (recording.result()) {
			case RECORDED:
				return true;
			case KEPT:
				log.info("late failure report for {} ignored: this version was processed", key);
				return false;
			case NO_ROW: {
				Optional<String> current = versions.current(key);
				if (current.isEmpty()) {
					log.info("result for {} ignored: the object is gone; what the worker wrote for it is deleted", key);
					registry.queueDeletion(buckets.derivedBucket(), key + "/", true);
					return false;
				}
				if (!current.get().equalsIgnoreCase(etag)) {
					log.info("stale result for {} ignored: it is about version {}, S3 holds {}", key, etag,
							current.get());
					return false;
				}
				throw new NotYetRegisteredException(key);
			}
			case OTHER_VERSION: {
				Optional<String> current = versions.current(key);
				if (current.isEmpty() || !current.get().equalsIgnoreCase(etag)) {
					log.info("stale result for {} ignored: it is about version {}, the catalog knows {}", key, etag,
							recording.rowEtag());
					return false;
				}
				// S3 holds the result's version: its event is still on its way to the catalog.
				Recording again = record.apply(recording.rowEtag());
				if (again.result() == Recording.Result.RECORDED) {
					return true;
				}
				if (again.result() == Recording.Result.KEPT) {
					return false;
				}
				throw new NotYetRegisteredException(key);
			}
			default:
				throw new IllegalStateException(recording.result().toString());
		}
	}

}
