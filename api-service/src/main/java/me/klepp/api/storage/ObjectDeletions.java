package me.klepp.api.storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The outbox of S3 deletions. Rows are written in the transaction that makes the objects unwanted; this job
 * claims due rows (safely across API instances), deletes the objects, and on failure backs off exponentially
 * (up to 15 minutes) and keeps the row with its last error, so nothing is orphaned silently.
 */
@Component
public class ObjectDeletions {

	private static final Logger log = LoggerFactory.getLogger(ObjectDeletions.class);

	private static final int BATCH = 20;

	private static final int WARN_AFTER_ATTEMPTS = 5;

	private final DatabaseClient db;

	private final S3Client s3;

	ObjectDeletions(DatabaseClient db, S3Client s3) {
		this.db = db;
		this.s3 = s3;
	}

	/** Queues a deletion; call inside the transaction that makes the object unwanted. */
	public Mono<Void> enqueue(String bucket, String key, boolean prefix) {
		return db.sql("insert into object_deletion (bucket, object_key, is_prefix) values (:bucket, :key, :prefix)")
			.bind("bucket", bucket)
			.bind("key", key)
			.bind("prefix", prefix)
			.then();
	}

	/** Starts a run now rather than at the next tick, so deletions usually finish within the request's second. */
	public void runSoon() {
		run().subscribeOn(Schedulers.boundedElastic()).subscribe();
	}

	@Scheduled(fixedDelayString = "${klepp.deletions.interval:PT10S}")
	void scheduledRun() {
		run().block(Duration.ofMinutes(5));
	}

	Mono<Long> run() {
		return claimDue().concatMap(this::attempt).count().onErrorResume(e -> {
			log.warn("deletion run failed, will retry: {}", e.toString());
			return Mono.just(0L);
		});
	}

	private Flux<Pending> claimDue() {
		// Claiming pushes next_attempt_at ahead, so a crashed run's rows come back after a minute.
		return db.sql("""
				update object_deletion set next_attempt_at = now() + interval '1 minute'
				where id in (select id from object_deletion where next_attempt_at <= now()
				             order by id limit :batch for update skip locked)
				returning id, bucket, object_key, is_prefix, attempts""")
			.bind("batch", BATCH)
			.map(row -> new Pending(row.get("id", Long.class), row.get("bucket", String.class),
					row.get("object_key", String.class), Boolean.TRUE.equals(row.get("is_prefix", Boolean.class)),
					row.get("attempts", Integer.class)))
			.all();
	}

	private Mono<Void> attempt(Pending pending) {
		return Mono.fromRunnable(() -> deleteObjects(pending))
			.subscribeOn(Schedulers.boundedElastic())
			.then(db.sql("delete from object_deletion where id = :id").bind("id", pending.id()).then())
			.onErrorResume(failure -> failed(pending, failure));
	}

	private void deleteObjects(Pending pending) {
		if (!pending.prefix()) {
			s3.deleteObject(d -> d.bucket(pending.bucket()).key(pending.key()));
			return;
		}
		List<ObjectIdentifier> keys = new ArrayList<>();
		for (S3Object object : s3.listObjectsV2Paginator(l -> l.bucket(pending.bucket()).prefix(pending.key()))
			.contents()) {
			keys.add(ObjectIdentifier.builder().key(object.key()).build());
			if (keys.size() == 1000) {
				deleteBatch(pending.bucket(), keys);
			}
		}
		deleteBatch(pending.bucket(), keys);
	}

	private void deleteBatch(String bucket, List<ObjectIdentifier> keys) {
		if (keys.isEmpty()) {
			return;
		}
		var response = s3.deleteObjects(d -> d.bucket(bucket).delete(del -> del.objects(keys).quiet(true)));
		if (response.hasErrors() && !response.errors().isEmpty()) {
			throw new IllegalStateException("S3 refused to delete " + response.errors().size() + " objects, e.g. "
					+ response.errors().get(0).key() + ": " + response.errors().get(0).message());
		}
		keys.clear();
	}

	private Mono<Void> failed(Pending pending, Throwable failure) {
		int attempts = pending.attempts() + 1;
		long backoffSeconds = Math.min(900, 1L << Math.min(attempts, 10));
		if (attempts >= WARN_AFTER_ATTEMPTS) {
			log.warn("deleting s3://{}/{}{} failed {} times, retrying in {} s: {}", pending.bucket(), pending.key(),
					pending.prefix() ? "*" : "", attempts, backoffSeconds, failure.toString());
		}
		return db.sql("""
				update object_deletion set attempts = :attempts, last_error = :error,
				    next_attempt_at = now() + make_interval(secs => :backoff)
				where id = :id""")
			.bind("attempts", attempts)
			.bind("error", String.valueOf(failure.getMessage()))
			.bind("backoff", (double) backoffSeconds)
			.bind("id", pending.id())
			.then();
	}

	private record Pending(long id, String bucket, String key, boolean prefix, int attempts) {
	}

}
