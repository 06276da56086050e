package me.klepp.api.uploads;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import me.klepp.api.auth.CurrentUser;
import me.klepp.api.problems.Problems;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * One file on its way to S3. Bytes are gathered into a part buffer; each full part is uploaded before more
 * bytes are requested (back-pressure through {@code concatMap}), so memory stays at one part.
 */
final class StreamingObject {

	static final int PART_SIZE = 8 * 1024 * 1024;

	/** The predecessor's rule for {@code file_name}, with letters of any language. */
	private static final Pattern FILE_NAME = Pattern.compile("[\\s\\w-]{2,40}", Pattern.UNICODE_CHARACTER_CLASS);

	private final CurrentUser caller;

	private final long maxSize;

	private final S3Client s3;

	private final String bucket;

	private final Function<Registration, Mono<Void>> register;

	private final List<CompletedPart> parts = new ArrayList<>();

	private byte[] chunk = new byte[PART_SIZE];

	private int filled;

	private long total;

	private boolean fileSeen;

	private String filename;

	private String requestedName;

	private SniffedType type;

	private String key;

	private String multipartUploadId;

	private boolean objectWritten;

	StreamingObject(CurrentUser caller, long maxSize, S3Client s3, String bucket,
			Function<Registration, Mono<Void>> register) {
		this.caller = caller;
		this.maxSize = maxSize;
		this.s3 = s3;
		this.bucket = bucket;
		this.register = register;
	}

	void requestName(String name) {
		String stripped = name == null ? "" : name.strip();
		if (!FILE_NAME.matcher(stripped).matches()) {
			throw Problems.badRequest("file_name must be 2-40 letters, digits, spaces, '_' or '-'");
		}
		this.requestedName = stripped;
	}

	String requestedName() {
		return requestedName;
	}

	String key() {
		return key;
	}

	boolean objectWritten() {
		return objectWritten;
	}

	Mono<Void> stream(String filename, Flux<DataBuffer> content) {
		if (fileSeen) {
			return content.doOnNext(DataBufferUtils::release)
				.then(Mono.error(Problems.badRequest("send exactly one multipart field 'file'")));
		}
		fileSeen = true;
		this.filename = filename;
		return content.concatMap(this::accept).then();
	}

	private Mono<Void> accept(DataBuffer buffer) {
		List<byte[]> fullParts = new ArrayList<>();
		try {
			total += buffer.readableByteCount();
			if (total > maxSize) {
				throw Problems.of(HttpStatus.CONTENT_TOO_LARGE, "the file is over the limit of " + maxSize + " bytes");
			}
			while (buffer.readableByteCount() > 0) {
				int n = Math.min(buffer.readableByteCount(), PART_SIZE - filled);
				buffer.read(chunk, filled, n);
				filled += n;
				if (filled == PART_SIZE) {
					fullParts.add(chunk);
					chunk = new byte[PART_SIZE];
					filled = 0;
				}
			}
		}
		finally {
			DataBufferUtils.release(buffer);
		}
		Mono<Void> ready = (type == null && (filled >= SniffedType.BYTES_NEEDED || !fullParts.isEmpty()))
				? identify(fullParts.isEmpty() ? chunk : fullParts.get(0),
						fullParts.isEmpty() ? filled : PART_SIZE)
				: Mono.empty();
		return ready.then(Flux.fromIterable(fullParts).concatMap(this::uploadPart).then());
	}

	private Mono<Void> identify(byte[] head, int length) {
		type = SniffedType.of(head, length)
			.orElseThrow(() -> Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
					"not a supported video (mp4, webm, mov, mkv) or image (png, jpeg, gif, webp)"));
		UUID id = UUID.randomUUID();
		key = caller.username() + "/" + id + "." + type.extension();
		String displayName = requestedName != null ? requestedName
				: MediaTypes.displayName(filename == null ? "upload" : filename);
		return register.apply(new Registration(id, key, caller.username(), displayName, type));
	}

	private Mono<Void> uploadPart(byte[] part) {
		return Mono.fromRunnable(() -> {
			if (multipartUploadId == null) {
				multipartUploadId = s3.createMultipartUpload(c -> c.bucket(bucket).key(key).contentType(type.contentType()))
					.uploadId();
			}
			int number = parts.size() + 1;
			String etag = s3.uploadPart(u -> u.bucket(bucket).key(key).uploadId(multipartUploadId).partNumber(number),
					RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, PART_SIZE), PART_SIZE))
				.eTag();
			parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
		}).subscribeOn(Schedulers.boundedElastic()).then();
	}

	/** Sends what is left and completes the object. @return its key */
	Mono<String> finish() {
		if (!fileSeen) {
			return Mono.error(Problems.badRequest("send the file in the multipart field 'file'"));
		}
		Mono<Void> identified = type == null ? identify(chunk, filled) : Mono.empty();
		return identified.then(Mono.fromCallable(() -> {
			if (multipartUploadId == null) {
				s3.putObject(p -> p.bucket(bucket).key(key).contentType(type.contentType()),
						RequestBody.fromInputStream(new ByteArrayInputStream(chunk, 0, filled), filled));
			}
			else {
				if (filled > 0) {
					int number = parts.size() + 1;
					String etag = s3.uploadPart(u -> u.bucket(bucket).key(key).uploadId(multipartUploadId)
						.partNumber(number), RequestBody.fromInputStream(new ByteArrayInputStream(chunk, 0, filled), filled))
						.eTag();
					parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
				}
				s3.completeMultipartUpload(c -> c.bucket(bucket).key(key).uploadId(multipartUploadId)
					.multipartUpload(m -> m.parts(parts)));
			}
			objectWritten = true;
			chunk = null;
			return key;
		}).subscribeOn(Schedulers.boundedElastic()));
	}

	void abort() {
		if (multipartUploadId != null && !objectWritten) {
			s3.abortMultipartUpload(a -> a.bucket(bucket).key(key).uploadId(multipartUploadId));
		}
	}

	record Registration(UUID id, String key, String owner, String displayName, SniffedType type) {
	}

}
