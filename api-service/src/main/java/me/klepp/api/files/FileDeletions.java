package me.klepp.api.files;

import me.klepp.api.auth.CurrentUser;
import me.klepp.api.storage.ObjectDeletions;
import me.klepp.api.storage.S3Properties;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Deleting a file removes its row and, in the same transaction, queues the deletion of its upload and of all its
 * derived objects, which {@link ObjectDeletions} carries out with retries: S3 being down does not leave orphans.
 */
@Service
class FileDeletions {

	private final DatabaseClient db;

	private final FileEdits edits;

	private final ObjectDeletions objectDeletions;

	private final S3Properties buckets;

	private final TransactionalOperator transaction;

	FileDeletions(DatabaseClient db, FileEdits edits, ObjectDeletions objectDeletions, S3Properties buckets,
			TransactionalOperator transaction) {
		this.db = db;
		this.edits = edits;
		this.objectDeletions = objectDeletions;
		this.buckets = buckets;
		this.transaction = transaction;
	}

	Mono<Void> delete(String key, CurrentUser caller) {
		return edits.mayChange(key, caller)
			.flatMap(file -> db.sql("delete from media_file where id = :id")
				.bind("id", file.id())
				.then()
				.then(objectDeletions.enqueue(buckets.mediaBucket(), key, false))
				.then(objectDeletions.enqueue(buckets.derivedBucket(), key + "/", true))
				.as(transaction::transactional))
			.doOnSuccess(done -> objectDeletions.runSoon());
	}

}
