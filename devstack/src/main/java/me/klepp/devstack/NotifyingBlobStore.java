package me.klepp.devstack;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import me.klepp.events.s3.S3NotificationWriter;
import me.klepp.events.s3.S3ObjectEvent;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * Gives S3Proxy what it lacks: S3 event notifications. Every object created or removed in a bucket with
 * subscribers is announced, in the exact AWS JSON, to each subscribed queue, the way S3 → SNS (raw message
 * delivery) → SQS fans out in AWS. Sending happens after the write succeeded; if it fails, the S3 request
 * fails with a 500 and the client retries, so an event is delivered at least once, as in AWS.
 */
final class NotifyingBlobStore extends ForwardingBlobStore {

	private static final Logger log = LoggerFactory.getLogger(NotifyingBlobStore.class);

	/** S3Proxy keeps its multipart-upload bookkeeping as objects with this prefix; S3 clients never see them. */
	private static final String S3PROXY_INTERNAL_PREFIX = ".s3proxy-mpu-stub-";

	private final Map<String, List<String>> subscribersByBucket;

	private final QueueSender sender;

	private final String region;

	private final S3NotificationWriter writer = new S3NotificationWriter();

	// Seeded from the clock so that sequencers keep growing across restarts of a filesystem-backed stack.
	private final AtomicLong sequencer = new AtomicLong(System.currentTimeMillis() << 16);

	NotifyingBlobStore(BlobStore delegate, Map<String, List<String>> subscribersByBucket, QueueSender sender,
			String region) {
		super(delegate);
		this.subscribersByBucket = subscribersByBucket;
		this.sender = sender;
		this.region = region;
	}

	@Override
	public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
		PutObjectResponse response = super.putBlob(request, content);
		created("ObjectCreated:Put", request.bucket(), request.key());
		return response;
	}

	@Override
	public CopyObjectResponse copyBlob(CopyObjectRequest request) {
		CopyObjectResponse response = super.copyBlob(request);
		created("ObjectCreated:Copy", request.destinationBucket(), request.destinationKey());
		return response;
	}

	@Override
	public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
			CompleteMultipartUploadRequest request) {
		CompleteMultipartUploadResponse response = super.completeMultipartUpload(upload, request);
		created("ObjectCreated:CompleteMultipartUpload", request.bucket(), request.key());
		return response;
	}

	@Override
	public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
		DeleteObjectResponse response = super.removeBlob(request);
		announce(new S3ObjectEvent("ObjectRemoved:Delete", Instant.now(), request.bucket(), request.key(), null,
				null, null, nextSequencer()));
		return response;
	}

	private void created(String eventName, String bucket, String key) {
		if (!subscribersByBucket.containsKey(bucket) || key.startsWith(S3PROXY_INTERNAL_PREFIX)) {
			return;
		}
		HeadObjectResponse head = delegate()
			.blobMetadata(HeadObjectRequest.builder().bucket(bucket).key(key).build());
		announce(new S3ObjectEvent(eventName, Instant.now(), bucket, key, head.contentLength(),
				unquoted(head.eTag()), null, nextSequencer()));
	}

	private void announce(S3ObjectEvent event) {
		List<String> queues = subscribersByBucket.get(event.bucket());
		if (queues == null || event.key().startsWith(S3PROXY_INTERNAL_PREFIX)) {
			return;
		}
		String body = writer.toJson(event, region);
		for (String queue : queues) {
			sender.send(queue, body);
		}
		log.debug("{} {}/{} announced to {}", event.eventName(), event.bucket(), event.key(), queues);
	}

	private String nextSequencer() {
		return String.format("%016X", sequencer.incrementAndGet());
	}

	private static String unquoted(String etag) {
		return etag == null ? null : etag.replace("\"", "");
	}

	/** Where notifications go; the devstack sends them to its SQS server. */
	interface QueueSender {

		void send(String queueName, String body);

	}

}
