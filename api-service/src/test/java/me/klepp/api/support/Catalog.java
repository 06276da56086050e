package me.klepp.api.support;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Puts files into the catalog the way the ingestor leaves them (uploaded, optionally processed), for tests of
 * what the API does with them. Every test uses fresh, unique user names, so tests do not see each other's files.
 */
public final class Catalog {

	private final DatabaseClient db;

	public Catalog(DatabaseClient db) {
		this.db = db;
	}

	public static String uniqueUser(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	public UUID user(String name) {
		UUID id = UUID.randomUUID();
		db.sql("insert into app_user (id, name) values (:id, :name) on conflict (lower(name)) do nothing")
			.bind("id", id)
			.bind("name", name)
			.then()
			.block();
		return db.sql("select id from app_user where lower(name) = lower(:name)")
			.bind("name", name)
			.map(row -> row.get("id", UUID.class))
			.one()
			.block();
	}

	public FileBuilder file(String owner, String displayName) {
		return new FileBuilder(owner, displayName);
	}

	public final class FileBuilder {

		private final String owner;

		private final String displayName;

		private String kind = "video";

		private boolean hidden;

		private long size = 1000;

		private Long durationMs = 10_000L;

		private Integer renditionWidth;

		private Integer renditionHeight;

		private OffsetDateTime uploadedAt = OffsetDateTime.now();

		private int likes;

		private String uploadState = "uploaded";

		private String processingState = "done";

		private String key;

		private String contentType;

		private String videoCodec = "h264";

		private FileBuilder(String owner, String displayName) {
			this.owner = owner;
			this.displayName = displayName;
		}

		public FileBuilder image() {
			kind = "image";
			durationMs = null;
			return this;
		}

		public FileBuilder hidden() {
			hidden = true;
			return this;
		}

		public FileBuilder pending() {
			uploadState = "pending";
			return this;
		}

		/** Still waiting for the worker: no thumbnail, no metadata. */
		public FileBuilder processing() {
			processingState = "pending";
			return this;
		}

		/** The worker could not process it. */
		public FileBuilder failed() {
			processingState = "failed";
			return this;
		}

		/** At this key instead of {@code <owner>/<uuid>.<ext>}, e.g. one ShareX chose. */
		public FileBuilder key(String objectKey) {
			key = objectKey;
			return this;
		}

		public FileBuilder contentType(String type) {
			contentType = type;
			return this;
		}

		public FileBuilder videoCodec(String codec) {
			videoCodec = codec;
			return this;
		}

		public FileBuilder size(long bytes) {
			size = bytes;
			return this;
		}

		public FileBuilder duration(long ms) {
			durationMs = ms;
			return this;
		}

		public FileBuilder uploadedAt(OffsetDateTime at) {
			uploadedAt = at;
			return this;
		}

		/** With a rendition the rendition worker made, {@code <key>/playable.mp4}, of this picture size. */
		public FileBuilder rendition(int width, int height) {
			renditionWidth = width;
			renditionHeight = height;
			return this;
		}

		public FileBuilder likeCount(int count) {
			likes = count;
			return this;
		}

		/** @return the file's path (its key) */
		public String save() {
			UUID ownerId = user(owner);
			UUID id = UUID.randomUUID();
			String key = this.key != null ? this.key : owner + "/" + id + (kind.equals("video") ? ".mp4" : ".png");
			boolean done = processingState.equals("done");
			var insert = db.sql("""
					insert into media_file (id, object_key, owner_id, display_name, content_type, media_kind, hidden,
					    upload_state, size_bytes, etag, uploaded_at, processing_state, thumbnail_key, thumbnail_width,
					    thumbnail_height, duration_ms, width, height, video_codec, like_count)
					values (:id, :key, :owner, :name, :type, :kind, :hidden, :state, :size, 'etag', :at, :processing,
					    :thumb, 480, 270, :duration, 1920, 1080, :codec, :likes)""")
				.bind("id", id)
				.bind("key", key)
				.bind("owner", ownerId)
				.bind("name", displayName)
				.bind("type", contentType != null ? contentType : kind.equals("video") ? "video/mp4" : "image/png")
				.bind("processing", processingState)
				.bind("kind", kind)
				.bind("hidden", hidden)
				.bind("state", uploadState)
				.bind("size", size)
				.bind("at", uploadedAt)
				.bind("likes", likes);
			insert = durationMs == null ? insert.bindNull("duration", Long.class) : insert.bind("duration", durationMs);
			insert = done ? insert.bind("thumb", key + "/thumbnail.jpg") : insert.bindNull("thumb", String.class);
			insert = kind.equals("video") && done ? insert.bind("codec", videoCodec) : insert.bindNull("codec", String.class);
			insert.then().block();
			if (renditionWidth != null) {
				db.sql("""
						update media_file set rendition_state = 'ready', rendition_etag = 'etag', rendition_decision = 'transcode',
						    rendition_key = :rendition, rendition_size = 1000, rendition_width = :width,
						    rendition_height = :height
						where id = :id""")
					.bind("rendition", key + "/playable.mp4")
					.bind("width", renditionWidth)
					.bind("height", renditionHeight)
					.bind("id", id)
					.then()
					.block();
			}
			return key;
		}

	}

}
