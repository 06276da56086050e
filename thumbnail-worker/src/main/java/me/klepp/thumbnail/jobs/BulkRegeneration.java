package me.klepp.thumbnail.jobs;

import java.util.List;

import me.klepp.events.MediaRegenerationRequestedV1;
import me.klepp.thumbnail.messaging.MediaEventPublisher;
import me.klepp.thumbnail.storage.MediaStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Turns a request for many objects into one request per object, a page of the bucket listing per message: the
 * requests for the page first, then the request for the next page. A message redelivered after a crash repeats
 * its page; the duplicate requests only redo the same work.
 */
@Component
class BulkRegeneration {

	private static final Logger log = LoggerFactory.getLogger(BulkRegeneration.class);

	static final int PAGE_SIZE = 500;

	private final MediaStore store;

	private final MediaEventPublisher requests;

	private final int pageSize;

	@Autowired
	BulkRegeneration(MediaStore store, MediaEventPublisher requests) {
		this(store, requests, PAGE_SIZE);
	}

	BulkRegeneration(MediaStore store, MediaEventPublisher requests, int pageSize) {
		this.store = store;
		this.requests = requests;
		this.pageSize = pageSize;
	}

	void nextPage(MediaRegenerationRequestedV1 request) {
		if (!store.mediaBucket().equals(request.bucket())) {
			log.warn("ignoring a regeneration request for bucket {}: only {} is processed", request.bucket(),
					store.mediaBucket());
			return;
		}
		MediaStore.Page page = store.list(request.bucket(), request.prefix(), request.startAfter(), pageSize);
		List<MediaRegenerationRequestedV1> next = request.page(page.keys(), page.truncated());
		requests.request(next);
		long perObject = next.stream().filter(r -> !r.bulk()).count();
		log.info("regeneration ({}) of {}{}: {} object(s) after {}{}", request.reason(), request.bucket(),
				request.prefix() == null ? "" : "/" + request.prefix() + "*", perObject,
				request.startAfter() == null ? "the start" : request.startAfter(),
				page.truncated() ? ", more to come" : ", done");
	}

}
