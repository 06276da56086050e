package me.klepp.api.uploads;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import me.klepp.api.storage.S3Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Uploads announced but never completed expire after {@code klepp.uploads.pending-ttl}: their row goes, and
 * incomplete multipart uploads that old are aborted (S3 keeps and bills their parts otherwise). A pending row
 * whose object does exist is left alone: its event is late or lost, and the ingestor or reconcile will confirm it.
 */
@Component
class StaleUploads {

	private static final Logger log = LoggerFactory.getLogger(StaleUploads.class);

	private final DatabaseClient db;

	private final S3Client s3;

	private final S3Properties buckets;

	private final UploadProperties properties;

	StaleUploads(DatabaseClient db, S3Client s3, S3Properties buckets, UploadProperties properties) {
		this.db = db;
		this.s3 = s3;
		this.buckets = buckets;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "${klepp.uploads.cleanup-interval:PT1H}", initialDelayString = "PT1M")
	void scheduled() {
		expire().block(Duration.ofMinutes(10));
	}

	/** @return the pending files removed */
	Mono<List<String>> expire() {
		Instant cutoff = Instant.now().minus(properties.pendingTtl());
		Mono<List<String>> rows = db.sql("""
				select object_key from media_file where upload_state = 'pending' and created_at < :cutoff
				order by created_at limit 1000""")
			.bind("cutoff", cutoff)
			.map(row -> row.get("object_key", String.class))
			.all()
			.filterWhen(key -> Mono.fromCallable(() -> !exists(key)).subscribeOn(Schedulers.boundedElastic()))
			// A final tombstone, as for a deleted file: a PUT with the expired upload's URL is never listed.
			.concatMap(key -> db.sql("""
					with expired as (delete from media_file where object_key = :key and upload_state = 'pending'
					                 returning object_key)
					insert into object_tombstone (object_key, final) select object_key, true from expired
					on conflict (object_key) do update set final = true, removed_at = now()""")
				.bind("key", key)
				.then()
				.thenReturn(key))
			.collectList();
		Mono<Long> aborted = Flux.defer(() -> Flux.fromIterable(s3.listMultipartUploadsPaginator(
				l -> l.bucket(buckets.mediaBucket())).uploads()))
			.subscribeOn(Schedulers.boundedElastic())
			.filter(upload -> upload.initiated() != null && upload.initiated().isBefore(cutoff))
			.doOnNext(this::abort)
			.count();
		return rows.zipWith(aborted, (expired, abortedCount) -> {
			if (!expired.isEmpty() || abortedCount > 0) {
				log.info("expired {} pending uploads and aborted {} incomplete multipart uploads older than {}",
						expired.size(), abortedCount, properties.pendingTtl());
			}
			return expired;
		});
	}

	private boolean exists(String key) {
		try {
			s3.headObject(h -> h.bucket(buckets.mediaBucket()).key(key));
			return true;
		}
		catch (NoSuchKeyException missing) {
			return false;
		}
		catch (S3Exception e) {
			if (e.statusCode() == 404) {
				return false;
			}
			throw e;
		}
	}

	private void abort(MultipartUpload upload) {
		s3.abortMultipartUpload(a -> a.bucket(buckets.mediaBucket()).key(upload.key()).uploadId(upload.uploadId()));
	}

}
