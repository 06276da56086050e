package me.klepp.rendition.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Uploads read, renditions written: the worker's only ways into S3. */
@Component
public class MediaObjects {

	private final S3Client s3;

	private final S3Properties buckets;

	MediaObjects(S3Client s3, S3Properties buckets) {
		this.s3 = s3;
		this.buckets = buckets;
	}

	public String mediaBucket() {
		return buckets.mediaBucket();
	}

	public String derivedBucket() {
		return buckets.derivedBucket();
	}

	/**
	 * One page of the media bucket's keys under {@code prefix} (null: all), after {@code startAfter} (null: from the
	 * start), in key order.
	 */
	public Page list(String prefix, String startAfter, int max) {
		var response = s3.listObjectsV2(list -> list.bucket(buckets.mediaBucket()).prefix(prefix).startAfter(startAfter)
			.maxKeys(max));
		return new Page(response.contents().stream().map(object -> object.key()).toList(),
				Boolean.TRUE.equals(response.isTruncated()));
	}

	/** @param truncated more keys follow the last of these */
	public record Page(java.util.List<String> keys, boolean truncated) {
	}

	/** The upload as it is now; empty when it is gone. */
	public Optional<Upload> head(String key) {
		try {
			var head = s3.headObject(h -> h.bucket(buckets.mediaBucket()).key(key));
			return Optional.of(new Upload(key, head.eTag(), head.contentLength(), head.contentType()));
		}
		catch (NoSuchKeyException e) {
			return Optional.empty();
		}
		catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
			if (e.statusCode() == 404) {
				return Optional.empty();
			}
			throw e;
		}
	}

	/**
	 * Copies exactly this version of the upload (If-Match its ETag) into {@code target}.
	 *
	 * @return false when the object was overwritten or removed meanwhile
	 */
	public boolean download(Upload upload, Path target) throws IOException {
		try (InputStream in = s3.getObject(g -> g.bucket(buckets.mediaBucket()).key(upload.key())
			.ifMatch(upload.eTag()))) {
			Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
			return true;
		}
		catch (NoSuchKeyException e) {
			return false;
		}
		catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
			if (e.statusCode() == 412 || e.statusCode() == 404) {
				return false;
			}
			throw e;
		}
	}

	/** Writes the file to the derived bucket, in parts of {@code partSize} when it is larger than one part. */
	public void putRendition(String key, Path file, long partSize) throws IOException {
		long size = Files.size(file);
		if (size <= partSize) {
			s3.putObject(p -> p.bucket(buckets.derivedBucket()).key(key).contentType("video/mp4"),
					RequestBody.fromFile(file));
			return;
		}
		String uploadId = s3.createMultipartUpload(c -> c.bucket(buckets.derivedBucket()).key(key)
			.contentType("video/mp4")).uploadId();
		try (InputStream in = Files.newInputStream(file)) {
			List<CompletedPart> parts = new ArrayList<>();
			byte[] buffer = new byte[(int) partSize];
			for (int number = 1; ; number++) {
				int filled = in.readNBytes(buffer, 0, buffer.length);
				if (filled == 0) {
					break;
				}
				int part = number;
				String eTag = s3.uploadPart(u -> u.bucket(buckets.derivedBucket()).key(key).uploadId(uploadId)
					.partNumber(part), RequestBody.fromBytes(java.util.Arrays.copyOf(buffer, filled))).eTag();
				parts.add(CompletedPart.builder().partNumber(part).eTag(eTag).build());
			}
			s3.completeMultipartUpload(c -> c.bucket(buckets.derivedBucket()).key(key).uploadId(uploadId)
				.multipartUpload(m -> m.parts(parts)));
		}
		catch (IOException | RuntimeException e) {
			s3.abortMultipartUpload(a -> a.bucket(buckets.derivedBucket()).key(key).uploadId(uploadId));
			throw e;
		}
	}

	/**
	 * @param eTag        as S3 gives it, quoted
	 * @param contentType null when the object has none
	 */
	public record Upload(String key, String eTag, long size, String contentType) {

		public String unquotedETag() {
			return eTag.replace("\"", "");
		}

	}

}
