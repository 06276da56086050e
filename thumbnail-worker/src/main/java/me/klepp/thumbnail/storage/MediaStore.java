package me.klepp.thumbnail.storage;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The worker's view of S3: it reads uploads from the media bucket and writes only to the derived bucket (which
 * sends no notifications, so nothing written here comes back as an upload). SDK exceptions are infrastructure
 * failures and propagate, so the message is retried.
 */
@Component
public class MediaStore {

	private final S3Client s3;

	private final S3Properties buckets;

	MediaStore(S3Client s3, S3Properties buckets) {
		this.s3 = s3;
		this.buckets = buckets;
	}

	public String mediaBucket() {
		return buckets.mediaBucket();
	}

	public String derivedBucket() {
		return buckets.derivedBucket();
	}

	/** The upload as it is now, or empty when it does not exist (any more). */
	public Optional<StoredObject> head(String bucket, String key) {
		try {
			HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key(key));
			return Optional.of(new StoredObject(bucket, key, head.eTag(), head.contentLength(), head.contentType()));
		}
		catch (NoSuchKeyException gone) {
			return Optional.empty();
		}
		catch (S3Exception e) {
			if (e.statusCode() == 404) {
				return Optional.empty();
			}
			throw e;
		}
	}

	/** Ranged reads of exactly this version of the object. */
	public S3ObjectSource open(StoredObject object) {
		return new S3ObjectSource(s3, object.bucket(), object.key(), object.eTag(), object.size());
	}

	public void putDerived(String key, byte[] bytes, String contentType) {
		s3.putObject(put -> put.bucket(buckets.derivedBucket()).key(key).contentType(contentType),
				RequestBody.fromBytes(bytes));
	}

	/** Up to {@code max} keys of the bucket starting with {@code prefix}, after {@code startAfter}, in key order. */
	public Page list(String bucket, String prefix, String startAfter, int max) {
		var response = s3.listObjectsV2(list -> list.bucket(bucket).prefix(prefix).startAfter(startAfter).maxKeys(max));
		List<String> keys = response.contents().stream().map(S3Object::key).toList();
		return new Page(keys, Boolean.TRUE.equals(response.isTruncated()));
	}

	/**
	 * @param eTag as S3 returns it (quoted)
	 * @param contentType as stored; null when the object has none
	 */
	public record StoredObject(String bucket, String key, String eTag, long size, String contentType) {

		/** Whether this is the write an S3 event named (event ETags come without quotes). */
		public boolean isVersion(String eventETag) {
			return eventETag == null || unquoted(eTag).equalsIgnoreCase(unquoted(eventETag));
		}

		public String unquotedETag() {
			return unquoted(eTag);
		}

		private static String unquoted(String eTag) {
			return eTag == null ? "" : eTag.replace("\"", "");
		}
	}

	/** @param truncated whether more keys follow */
	public record Page(List<String> keys, boolean truncated) {
	}

}
