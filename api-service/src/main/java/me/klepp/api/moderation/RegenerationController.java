package me.klepp.api.moderation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import me.klepp.api.auth.CurrentUser;
import me.klepp.api.files.FileCatalog;
import me.klepp.api.outbox.EventOutbox;
import me.klepp.api.problems.Problems;
import me.klepp.api.storage.S3Properties;
import me.klepp.events.MediaRegenerationRequestedV1;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Moderators ask the workers to make a file's derived objects again, or every file's (e.g. after the thumbnail
 * sizes or the rendition settings changed): the same request to the thumbnail worker's queue and to the rendition
 * worker's, in one transaction through the event outbox.
 */
@RestController
@RequestMapping("/api/v2/admin/regenerations")
class RegenerationController {

	private final FileCatalog catalog;

	private final EventOutbox outbox;

	private final S3Properties buckets;

	private final TransactionalOperator transaction;

	private final String thumbnailRequests;

	private final String renditionRequests;

	RegenerationController(FileCatalog catalog, EventOutbox outbox, S3Properties buckets,
			TransactionalOperator transaction, @Value("${klepp.thumbnail-requests-queue}") String thumbnailRequests,
			@Value("${klepp.rendition-requests-queue}") String renditionRequests) {
		this.catalog = catalog;
		this.outbox = outbox;
		this.buckets = buckets;
		this.transaction = transaction;
		this.thumbnailRequests = thumbnailRequests;
		this.renditionRequests = renditionRequests;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.ACCEPTED)
	Mono<RegenerationRequest> request(@Valid @RequestBody RegenerationRequest request, Authentication authentication) {
		CurrentUser caller = CurrentUser.of(authentication);
		if (!caller.moderator()) {
			throw Problems.of(HttpStatus.FORBIDDEN, "only moderators request regeneration");
		}
		if (request.path() != null && request.prefix() != null) {
			throw Problems.badRequest("give a path or a prefix, not both");
		}
		String reason = request.reason() == null || request.reason().isBlank() ? "requested by " + caller.username()
				: request.reason();
		Mono<MediaRegenerationRequestedV1> event = request.path() == null
				? Mono.just(MediaRegenerationRequestedV1.all(buckets.mediaBucket(), request.prefix(), reason))
				: catalog.view(request.path(), caller)
					.thenReturn(MediaRegenerationRequestedV1.one(buckets.mediaBucket(), request.path(), reason));
		return event
			.flatMap(e -> {
				String subject = e.key() != null ? e.key() : "bulk";
				return outbox.enqueue(thumbnailRequests, subject, e)
					.then(outbox.enqueue(renditionRequests, subject, e))
					.as(transaction::transactional);
			})
			.doOnSuccess(done -> outbox.relaySoon())
			.thenReturn(new RegenerationRequest(request.path(), request.prefix(), reason));
	}

	/** One file ({@code path}), the files under a key prefix, or (neither) all files. */
	record RegenerationRequest(@Size(max = 1024) String path, @Size(max = 1024) String prefix,
			@Size(max = 200) String reason) {
	}

}
