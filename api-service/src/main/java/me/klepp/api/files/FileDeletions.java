package me.klepp.api.files;

import me.klepp.api.auth.CurrentUser;
import me.klepp.api.storage.ObjectDeletions;
import me.klepp.api.storage.S3Properties;
import me.klepp.events.DerivedKeys;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Deleting a file removes its row and, in the same transaction, queues the deletion of its upload and of its
 * derived objects ({@link DerivedKeys}), which {@link ObjectDeletions} carries out with retries: S3 being down
 * does not leave orphans. It also leaves a final tombstone at the key: a presigned PUT stays valid for its whole
 * lifetime, and whatever is written there later is deleted again by the metadata ingestor instead of being listed
 * (docs/adr).
 */
@Service
public class FileDeletions {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FileDeletions.class);

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
		return edits.mayChange(key, caller).flatMap(file -> remove(file.id(), key));
	}

	/**
	 * Deletes a file whose deletion the caller proved otherwise, e.g. with a signed deletion link.
	 * @return whether there was such a file
	 */
	public Mono<Boolean> deleteWithProof(String key) {
		return db.sql("select id from media_file where object_key = :key")
			.bind("key", key)
			.map(row -> row.get("id", java.util.UUID.class))
			.one()
			.flatMap(id -> remove(id, key).thenReturn(true))
			.defaultIfEmpty(false);
	}

	private Mono<Void> remove(java.util.UUID id, String key) {
		return db.sql("delete from media_file where id = :id")
			.bind("id", id)
			.then()
			.then(db.sql("""
					insert into object_tombstone (object_key, final) values (:key, true)
					on conflict (object_key) do update set final = true, removed_at = now()""")
				.bind("key", key)
				.then())
			.then(objectDeletions.enqueue(buckets.mediaBucket(), key, false))
			// Exactly its own derived objects, never a prefix: the key can be a folder of other things' keys.
			.thenMany(Flux.fromIterable(DerivedKeys.all(key))
				.concatMap(derived -> objectDeletions.enqueue(buckets.derivedBucket(), derived, false)))
			.then()
			.as(transaction::transactional)
			.doOnSuccess(done -> {
				log.atInfo().addKeyValue("file", key).log("{} deleted; its objects are queued for deletion", key);
				objectDeletions.runSoon();
			});
	}

}
