package me.klepp.ingestor.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import me.klepp.events.EventCodec;
import me.klepp.events.EventEnvelope;
import me.klepp.events.MediaRegenerationRequestedV1;
import me.klepp.ingestor.catalog.ObjectRegistry;
import me.klepp.ingestor.storage.S3Properties;
import me.klepp.ingestor.uploads.DirectUploads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Brings the catalog and the bucket together after missed events (or for files uploaded before notifications
 * were configured): registers objects that have no row, through the same path as S3 events, and asks the
 * thumbnail worker for their thumbnails; reports rows whose object is gone. Registration is idempotent and
 * respects removals that happened during the run, so it is safe to run repeatedly and beside live traffic.
 */
@Service
public class Reconciler {

	private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

	private static final int REPORTED_MISSING = 100;

	private final S3Client s3;

	private final S3Properties buckets;

	private final DirectUploads uploads;

	private final ObjectRegistry registry;

	private final JdbcClient jdbc;

	private final SqsAsyncClient sqs;

	private final List<String> requestQueues;

	private final EventCodec codec = new EventCodec();

	Reconciler(S3Client s3, S3Properties buckets, DirectUploads uploads, ObjectRegistry registry, JdbcClient jdbc,
			SqsAsyncClient sqs, @Value("${klepp.ingestor.thumbnail-requests-queue}") String thumbnailRequests,
			@Value("${klepp.ingestor.rendition-requests-queue}") String renditionRequests) {
		this.s3 = s3;
		this.buckets = buckets;
		this.uploads = uploads;
		this.registry = registry;
		this.jdbc = jdbc;
		this.sqs = sqs;
		this.requestQueues = List.of(thumbnailRequests, renditionRequests);
	}

	public Report run() {
		Instant started = Instant.now();
		Set<String> listed = new HashSet<>();
		List<String> registered = new ArrayList<>();
		for (S3Object object : s3.listObjectsV2Paginator(l -> l.bucket(buckets.mediaBucket())).contents()) {
			listed.add(object.key());
			if (registry.isRegistered(object.key()) || registry.removedSince(object.key(), started)) {
				continue;
			}
			var outcome = uploads.created(new ObjectRegistry.StoredObject(object.key(), object.size(),
					object.eTag() == null ? null : object.eTag().replace("\"", ""), null, object.lastModified()));
			if (outcome == ObjectRegistry.Outcome.REGISTERED) {
				registered.add(object.key());
				requestDerivedObjects(object.key());
			}
		}
		List<String> missing = new ArrayList<>();
		long missingCount = 0;
		for (String key : jdbc.sql("""
				select object_key from media_file where upload_state = 'uploaded' and uploaded_at < :started
				order by object_key""").param("started", java.sql.Timestamp.from(started)).query(String.class).list()) {
			if (!listed.contains(key)) {
				missingCount++;
				if (missing.size() < REPORTED_MISSING) {
					missing.add(key);
				}
			}
		}
		Report report = new Report(listed.size(), registered, missingCount, missing);
		log.info("reconcile: {} objects listed, {} registered, {} rows whose object is gone{}", report.listed(),
				registered.size(), missingCount, missing.isEmpty() ? "" : " (e.g. " + missing.get(0) + ")");
		return report;
	}

	/** Its thumbnail and its rendition: S3's event of the object was missed by both workers too. */
	private void requestDerivedObjects(String key) {
		String body = codec.encode(EventEnvelope.of("urn:klepp:metadata-ingestor", key,
				MediaRegenerationRequestedV1.one(buckets.mediaBucket(), key, "registered by reconcile")));
		for (String queue : requestQueues) {
			String url = sqs.getQueueUrl(get -> get.queueName(queue)).join().queueUrl();
			sqs.sendMessage(send -> send.queueUrl(url).messageBody(body)).join();
		}
	}

	/**
	 * @param listed objects in the bucket
	 * @param registered objects that had no row and now have one
	 * @param missingCount rows whose object is not in the bucket
	 * @param missing the first of those, by key
	 */
	public record Report(int listed, List<String> registered, long missingCount, List<String> missing) {
	}

}
