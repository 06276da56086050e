package me.klepp.api.uploads;

import me.klepp.api.auth.CurrentUser;
import me.klepp.api.files.FileCatalog;
import me.klepp.api.files.VideoView;
import me.klepp.api.storage.ObjectDeletions;
import me.klepp.api.storage.S3Properties;
import me.klepp.api.users.UserDirectory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Streams a multipart upload to S3 as it arrives: the file is recognised from its first bytes, then sent on in
 * parts of {@value StreamingObject#PART_SIZE} bytes (an S3 multipart upload) while the next part arrives, so the
 * API holds at most two parts per upload in memory and never writes to disk. The file row is created pending, exactly like a presigned
 * upload, and S3's event confirms it. Whatever fails, nothing is left behind: the multipart upload is aborted,
 * or a completed object is queued for deletion, and the row is removed.
 */
@Service
public class StreamedUploads {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StreamedUploads.class);

	/** Network buffers read ahead of the one being parsed: enough to keep the socket busy, a few hundred KiB. */
	private static final int BUFFERS_AHEAD = 8;

	private final DatabaseClient db;

	private final UserDirectory users;

	private final S3Client s3;

	private final S3Properties buckets;

	private final UploadProperties properties;

	private final FileCatalog catalog;

	private final ObjectDeletions deletions;

	StreamedUploads(DatabaseClient db, UserDirectory users, S3Client s3, S3Properties buckets,
			UploadProperties properties, FileCatalog catalog, ObjectDeletions deletions) {
		this.db = db;
		this.users = users;
		this.s3 = s3;
		this.buckets = buckets;
		this.properties = properties;
		this.catalog = catalog;
		this.deletions = deletions;
	}

	/** @param request a {@code multipart/form-data} request with the file in the field {@code file} */
	public Mono<VideoView> upload(CurrentUser caller, ServerHttpRequest request) {
		return upload(caller, request.getBody(), MultipartStream.boundary(request));
	}

	private Mono<VideoView> upload(CurrentUser caller, Flux<DataBuffer> body, String boundary) {
		var upload = new StreamingObject(caller, properties.maxSize().toBytes(), s3, buckets.mediaBucket(),
				this::register);
		return Mono.fromCallable(() -> new MultipartStream(boundary))
			.flatMapMany(multipart -> body.concatMap(multipart::events, BUFFERS_AHEAD)
				// One event at a time: the next is taken only when this one's bytes are stored (back-pressure).
				.concatMap(upload::accept)
				.then(Mono.fromRunnable(multipart::finish)))
			.then(Mono.defer(upload::finish))
			.flatMap(key -> upload.requestedName() == null ? Mono.just(key) : rename(key, upload.requestedName()))
			.doOnNext(key -> log.atInfo().addKeyValue("file", key).log("{} streamed to S3 by {}", key, caller.username()))
			.flatMap(key -> catalog.view(key, caller))
			.onErrorResume(failure -> cleanUp(upload).then(Mono.error(failure)))
			.doOnCancel(() -> cleanUp(upload).subscribe());
	}

	private Mono<Void> register(StreamingObject.Registration registration) {
		return users.ensureUser(registration.owner())
			.flatMap(ownerId -> db.sql("""
					insert into media_file (id, object_key, owner_id, display_name, content_type, media_kind)
					values (:id, :key, :owner, :name, :type, :kind)""")
				.bind("id", registration.id())
				.bind("key", registration.key())
				.bind("owner", ownerId)
				.bind("name", registration.displayName())
				.bind("type", registration.type().contentType())
				.bind("kind", registration.type().kind())
				.then());
	}

	private Mono<String> rename(String key, String name) {
		return db.sql("update media_file set display_name = :name where object_key = :key")
			.bind("name", name)
			.bind("key", key)
			.then()
			.thenReturn(key);
	}

	private Mono<Void> cleanUp(StreamingObject upload) {
		String key = upload.key();
		if (key == null) {
			return Mono.empty();
		}
		Mono<Void> objects = upload.objectWritten() ? deletions.enqueue(buckets.mediaBucket(), key, false)
				: upload.abort();
		return objects.then(db.sql("delete from media_file where object_key = :key").bind("key", key).then())
			.onErrorResume(e -> Mono.empty())
			.doOnSuccess(done -> deletions.runSoon());
	}

}
