package me.klepp.devstack;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;

/**
 * S3Proxy with SigV4 checking on (a presigned URL with a tampered signature or another Content-Type is
 * refused with 403, as by AWS), filesystem-backed when given a directory, in memory otherwise.
 */
final class EmbeddedS3 implements AutoCloseable {

	private final S3Proxy proxy;

	private final BlobStore store;

	private final URI endpoint;

	EmbeddedS3(int port, Path dataDir, AwsBasicCredentials credentials, Map<String, List<String>> subscribers,
			NotifyingBlobStore.QueueSender sender, String region) throws Exception {
		BlobStore backend;
		if (dataDir == null) {
			backend = new TransientNio2BlobStore();
		}
		else {
			Files.createDirectories(dataDir);
			backend = new FilesystemNio2BlobStore(dataDir.toString());
		}
		this.store = new NotifyingBlobStore(backend, subscribers, sender, region);
		this.proxy = S3Proxy.builder()
			.blobStore(store)
			.endpoint(URI.create("http://127.0.0.1:" + port))
			.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, credentials.accessKeyId(),
					credentials.secretAccessKey())
			// Browsers PUT to presigned URLs from the frontend's origin.
			.corsRules(new CrossOriginResourceSharing(List.of("*"), List.of("GET", "HEAD", "PUT", "POST", "DELETE"),
					List.of("*"), List.of("ETag"), "false"))
			.ignoreUnknownHeaders(true)
			.build();
		proxy.start();
		long deadline = System.nanoTime() + 10_000_000_000L;
		while (!"STARTED".equals(proxy.getState())) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
			}
			Thread.sleep(10);
		}
		this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
	}

	URI endpoint() {
		return endpoint;
	}

	void createBucket(String bucket, boolean publicRead) {
		if (!bucketExists(bucket)) {
			store.createContainer(CreateBucketRequest.builder().bucket(bucket).build());
		}
		if (publicRead) {
			store.setContainerAccess(bucket, BucketCannedACL.PUBLIC_READ);
		}
	}

	private boolean bucketExists(String bucket) {
		try {
			store.headBucket(HeadBucketRequest.builder().bucket(bucket).build());
			return true;
		}
		catch (RuntimeException notFound) {
			return false;
		}
	}

	@Override
	public void close() throws Exception {
		proxy.stop();
	}

}
