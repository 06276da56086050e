package me.klepp.api.uploads;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Pattern;

import me.klepp.api.auth.CurrentUser;
import me.klepp.api.problems.Problems;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * One file on its way to S3, fed the request's multipart events one at a time. The file's bytes are gathered into
 * a part buffer; each full part goes to S3 in the background while the next one fills, and a part that is full
 * before the previous one is stored waits for it (back-pressure through {@code concatMap}), so memory stays at two
 * parts. The two part buffers are reused for the whole file.
 *
 * <p>
 * The events come from {@link MultipartStream}, which owns copies of the request's buffers, so nothing here holds
 * a pooled network buffer while it waits.
 */
final class StreamingObject {

	static final int PART_SIZE = 8 * 1024 * 1024;

	private static final int MAX_FIELD_BYTES = 1024;

	/** The predecessor's rule for {@code file_name}, with letters of any language. */
	private static final Pattern FILE_NAME = Pattern.compile("[\\s\\w-]{2,40}", Pattern.UNICODE_CHARACTER_CLASS);

	private final CurrentUser caller;

	private final long maxSize;

	private final S3Client s3;

	private final String bucket;

	private final Function<Registration, Mono<Void>> register;

	/** Parts S3 has stored, in order; written by each part's upload, which starts after the previous one ended. */
	private final List<CompletedPart> parts = new ArrayList<>();

	/** The buffer of the part most recently stored, for the next part to fill. */
	private final AtomicReference<byte[]> spare = new AtomicReference<>();

	private byte[] chunk = new byte[PART_SIZE];

	private int filled;

	private long total;

	private int partsStarted;

	/** The upload of the latest full part; completes when S3 has it, or with its failure. */
	private volatile Mono<Void> inFlight = Mono.empty();

	/** Whether the current multipart part is {@code file_name}, gathered in {@link #field}. */
	private boolean inName;

	private final ByteArrayOutputStream field = new ByteArrayOutputStream();

	/** Whether the current multipart part is the file. */
	private boolean inFile;

	private boolean fileSeen;

	private String filename;

	private String requestedName;

	private SniffedType type;

	private String key;

	private volatile String multipartUploadId;

	private volatile boolean objectWritten;

	StreamingObject(CurrentUser caller, long maxSize, S3Client s3, String bucket,
			Function<Registration, Mono<Void>> register) {
		this.caller = caller;
		this.maxSize = maxSize;
		this.s3 = s3;
		this.bucket = bucket;
		this.register = register;
	}

	/**
	 * One multipart event: the file's bytes are stored, {@code file_name} is taken, anything else is dropped.
	 * @return completes when the next event may come
	 */
	Mono<Void> accept(MultipartStream.Event event) {
		if (event instanceof MultipartStream.PartStart start) {
			inFile = "file".equals(start.name()) && start.filename() != null;
			inName = "file_name".equals(start.name());
			if (inFile && fileSeen) {
				return Mono.error(Problems.badRequest("send exactly one multipart field 'file'"));
			}
			if (inFile) {
				fileSeen = true;
				filename = start.filename();
			}
			field.reset();
			return Mono.empty();
		}
		if (event instanceof MultipartStream.Data data) {
			if (inFile) {
				return write(data.bytes(), data.offset(), data.length());
			}
			if (inName) {
				if (field.size() + data.length() > MAX_FIELD_BYTES) {
					return Mono.error(Problems.badRequest("file_name is too long"));
				}
				field.write(data.bytes(), data.offset(), data.length());
			}
			return Mono.empty();
		}
		if (inName) {
			requestName(field.toString(StandardCharsets.UTF_8));
		}
		inFile = false;
		inName = false;
		return Mono.empty();
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

	private Mono<Void> write(byte[] bytes, int offset, int length) {
		total += length;
		if (total > maxSize) {
			return Mono.error(
					Problems.of(HttpStatus.CONTENT_TOO_LARGE, "the file is over the limit of " + maxSize + " bytes"));
		}
		int n = Math.min(length, PART_SIZE - filled);
		System.arraycopy(bytes, offset, chunk, filled, n);
		filled += n;
		return stored(bytes, offset + n, offset + length);
	}

	/** Identifies the file once enough has come, stores a full part, then takes {@code rest[from, to)}. */
	private Mono<Void> stored(byte[] rest, int from, int to) {
		Mono<Void> ready = type == null && (filled >= SniffedType.BYTES_NEEDED || filled == PART_SIZE)
				? identify(chunk, filled) : Mono.empty();
		if (filled < PART_SIZE) {
			return ready;
		}
		return ready.then(Mono.defer(this::flush)).then(Mono.defer(() -> {
			int n = Math.min(to - from, PART_SIZE);
			System.arraycopy(rest, from, chunk, 0, n);
			filled = n;
			return n == 0 ? Mono.empty() : stored(rest, from + n, to);
		}));
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

	/** Waits until S3 has the previous part, then sends the full one in the background and starts the next. */
	private Mono<Void> flush() {
		byte[] part = chunk;
		int number = ++partsStarted;
		return inFlight.then(Mono.fromRunnable(() -> {
			inFlight = send(number, part);
			byte[] free = spare.getAndSet(null);
			chunk = free != null ? free : new byte[PART_SIZE];
			filled = 0;
		}));
	}

	private Mono<Void> send(int number, byte[] part) {
		Mono<Void> upload = Mono.<Void>fromRunnable(() -> {
			if (multipartUploadId == null) {
				multipartUploadId = s3.createMultipartUpload(c -> c.bucket(bucket).key(key).contentType(type.contentType()))
					.uploadId();
			}
			String etag = s3.uploadPart(u -> u.bucket(bucket).key(key).uploadId(multipartUploadId).partNumber(number),
					RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, PART_SIZE), PART_SIZE))
				.eTag();
			parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
			spare.set(part);
		}).subscribeOn(Schedulers.boundedElastic()).cache();
		// Started now; whoever waits for it later gets its outcome.
		upload.subscribe(done -> {
		}, failure -> {
		});
		return upload;
	}

	/** Sends what is left and completes the object. @return its key */
	Mono<String> finish() {
		if (!fileSeen) {
			return Mono.error(Problems.badRequest("send the file in the multipart field 'file'"));
		}
		Mono<Void> identified = type == null ? identify(chunk, filled) : Mono.empty();
		return identified.then(Mono.defer(() -> inFlight)).then(Mono.fromCallable(() -> {
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
			spare.set(null);
			return key;
		}).subscribeOn(Schedulers.boundedElastic()));
	}

	/** Gives up on the multipart upload, once a part still on its way has arrived or failed. */
	Mono<Void> abort() {
		return inFlight.onErrorResume(failure -> Mono.empty()).then(Mono.<Void>fromRunnable(() -> {
			if (multipartUploadId != null && !objectWritten) {
				s3.abortMultipartUpload(a -> a.bucket(bucket).key(key).uploadId(multipartUploadId));
			}
		}).subscribeOn(Schedulers.boundedElastic()));
	}

	record Registration(UUID id, String key, String owner, String displayName, SniffedType type) {
	}

}
