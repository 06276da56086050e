package me.klepp.ingestor.media;

import java.util.Optional;

import me.klepp.ingestor.storage.S3Properties;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Which version of an upload S3 holds now, for results the catalog cannot place by itself. */
@Component
class ObjectVersions {

	private final S3Client s3;

	private final S3Properties buckets;

	ObjectVersions(S3Client s3, S3Properties buckets) {
		this.s3 = s3;
		this.buckets = buckets;
	}

	/** @return the ETag (unquoted) of the object in the media bucket, or empty when there is no such object */
	Optional<String> current(String key) {
		try {
			return Optional.of(s3.headObject(head -> head.bucket(buckets.mediaBucket()).key(key)).eTag().replace("\"", ""));
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

}
