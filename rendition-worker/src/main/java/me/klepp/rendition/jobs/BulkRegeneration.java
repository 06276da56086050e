package me.klepp.rendition.jobs;

import java.util.List;

import me.klepp.events.MediaRegenerationRequestedV1;
import me.klepp.rendition.storage.MediaObjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns a request for many objects into one request per object, a page of the bucket listing per message: the
 * requests for the page first, then the request for the next page. A message redelivered after a crash repeats
 * its page; the duplicate requests only redo the same work. Pictures get a request too and are skipped by the job
 * (the listing does not say what an object is; its HEAD does).
 */
@Component
class BulkRegeneration {

	private static final Logger log = LoggerFactory.getLogger(BulkRegeneration.class);

	static final int PAGE_SIZE = 500;

	private final MediaObjects objects;

	private final EventPublisher requests;

	BulkRegeneration(MediaObjects objects, EventPublisher requests) {
		this.objects = objects;
		this.requests = requests;
	}

	void nextPage(MediaRegenerationRequestedV1 request) {
		if (!objects.mediaBucket().equals(request.bucket())) {
			log.warn("ignoring a regeneration request for bucket {}: only {} is processed", request.bucket(),
					objects.mediaBucket());
			return;
		}
		MediaObjects.Page page = objects.list(request.prefix(), request.startAfter(), PAGE_SIZE);
		List<MediaRegenerationRequestedV1> next = request.page(page.keys(), page.truncated());
		requests.request(next);
		long perObject = next.stream().filter(r -> !r.bulk()).count();
		log.info("rendition regeneration ({}) of {}{}: {} object(s) after {}{}", request.reason(), request.bucket(),
				request.prefix() == null ? "" : "/" + request.prefix() + "*", perObject,
				request.startAfter() == null ? "the start" : request.startAfter(),
				page.truncated() ? ", more to come" : ", done");
	}

}
