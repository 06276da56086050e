package me.klepp.api.uploads;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import me.klepp.api.auth.CurrentUser;
import me.klepp.api.problems.Problems;
import me.klepp.api.storage.S3Properties;
import me.klepp.api.users.UserDirectory;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * Uploads go from the browser straight to S3: the API only records a pending file under a key it chooses
 * and signs a PUT bound to that key, the announced Content-Type and size. The S3 event then confirms it.
 * The PUT is also signed with {@code If-None-Match: *}: where the store honours conditional writes (S3, LocalStack),
 * the URL writes the object once and a second PUT gets 412, however long the URL stays valid. Where it does not
 * (S3Proxy), the ingestor reprocesses an overwrite and deletes what is written at a deleted file's key (ADR 16).
 */
@Service
class PresignedUploads {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PresignedUploads.class);

	private final DatabaseClient db;

	private final UserDirectory users;

	private final S3Presigner presigner;

	private final S3Properties s3;

	private final UploadProperties properties;

	PresignedUploads(DatabaseClient db, UserDirectory users, S3Presigner presigner, S3Properties s3,
			UploadProperties properties) {
		this.db = db;
		this.users = users;
		this.presigner = presigner;
		this.s3 = s3;
		this.properties = properties;
	}

	Mono<UploadTicket> announce(CurrentUser user, UploadRequest request) {
		String kind = MediaTypes.kind(request.contentType())
			.orElseThrow(() -> Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "content_type " + request.contentType()
					+ " is not accepted; klepp takes " + MediaTypes.accepted()));
		String extension = MediaTypes.extension(request.filename(), request.contentType())
			.orElseThrow(() -> Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "the filename " + request.filename()
					+ " does not fit content_type " + MediaTypes.normalize(request.contentType())
					+ "; its extension must be one of " + MediaTypes.extensionsOf(request.contentType())));
		if (request.size() > properties.maxSize().toBytes()) {
			throw Problems.of(HttpStatus.CONTENT_TOO_LARGE, "size " + request.size() + " bytes is over the limit of "
					+ properties.maxSize().toBytes() + " bytes");
		}
		String contentType = MediaTypes.normalize(request.contentType());
		UUID id = UUID.randomUUID();
		String key = user.username() + "/" + id + "." + extension;
		return users.ensureUser(user.username())
			.flatMap(ownerId -> db.sql("""
					insert into media_file (id, object_key, owner_id, display_name, content_type, media_kind, declared_size)
					values (:id, :key, :owner, :name, :type, :kind, :size)""")
				.bind("id", id)
				.bind("key", key)
				.bind("owner", ownerId)
				.bind("name", MediaTypes.displayName(request.filename()))
				.bind("type", contentType)
				.bind("kind", kind)
				.bind("size", request.size())
				.then())
			.then(Mono.fromSupplier(() -> ticket(key, contentType, request.size())))
			.doOnSuccess(ticket -> log.atInfo().addKeyValue("file", key).log("upload of {} announced by {}", key,
					user.username()));
	}

	private UploadTicket ticket(String key, String contentType, long size) {
		PresignedPutObjectRequest presigned = presigner.presignPutObject(p -> p.signatureDuration(properties.presignTtl())
			.putObjectRequest(put -> put.bucket(s3.mediaBucket())
				.key(key)
				.contentType(contentType)
				.contentLength(size)
				.ifNoneMatch("*")));
		Map<String, String> headers = new LinkedHashMap<>();
		presigned.signedHeaders().forEach((name, values) -> {
			if (!"host".equalsIgnoreCase(name)) {
				headers.put(canonical(name), String.join(",", values));
			}
		});
		return new UploadTicket(key, presigned.url().toString(), "PUT", headers, presigned.expiration());
	}

	private static String canonical(String header) {
		return switch (header.toLowerCase()) {
			case "content-type" -> "Content-Type";
			case "content-length" -> "Content-Length";
			case "if-none-match" -> "If-None-Match";
			default -> header;
		};
	}

}
