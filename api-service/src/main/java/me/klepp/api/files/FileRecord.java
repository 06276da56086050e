package me.klepp.api.files;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.r2dbc.spi.Readable;

/** One {@code media_file} row with its owner, as the feed queries read it. */
record FileRecord(UUID id, String key, String displayName, boolean hidden, OffsetDateTime uploadedAt,
		String ownerName, String ownerAvatarKey, String mediaKind, String contentType, Long size,
		String uploadState, String processingState, String processingError, String thumbnailKey,
		Integer thumbnailWidth, Integer thumbnailHeight, Long durationMs, Integer width, Integer height,
		String videoCodec, Double fps, Boolean hasAudio, Long bitrate, int likeCount, String posterKey,
		String previewKey, OffsetDateTime processedAt, String sortValue, String[] tagNames, String[] likerNames,
		String[] likerAvatarKeys, Rendition rendition) {

	/**
	 * What the rendition worker reported (V12); {@code state} null until it did.
	 *
	 * @param progress how far the transcode of the current version has got (V15), percent; null when unknown
	 */
	record Rendition(String state, String etag, String decision, String key, String error, Long size, Integer width,
			Integer height, Integer progress) {

		static Rendition of(Readable row) {
			String current = row.get("etag", String.class);
			Integer progress = current != null && current.equals(row.get("rendition_progress_etag", String.class))
					? row.get("rendition_progress", Integer.class) : null;
			return new Rendition(row.get("rendition_state", String.class), row.get("rendition_etag", String.class),
					row.get("rendition_decision", String.class), row.get("rendition_key", String.class),
					row.get("rendition_error", String.class), row.get("rendition_size", Long.class),
					row.get("rendition_width", Integer.class), row.get("rendition_height", Integer.class), progress);
		}

		boolean ready() {
			return "ready".equals(state) && key != null;
		}

	}

	static final String COLUMNS = "f.*, u.name as owner_name, u.avatar_key as owner_avatar_key";

	/**
	 * @param fromPage whether the row is a feed page's ({@link FeedSql#page()}): with its sort value, tags and
	 * likes
	 */
	static FileRecord of(Readable row, boolean fromPage) {
		return new FileRecord(row.get("id", UUID.class), row.get("object_key", String.class),
				row.get("display_name", String.class), Boolean.TRUE.equals(row.get("hidden", Boolean.class)),
				row.get("uploaded_at", OffsetDateTime.class), row.get("owner_name", String.class),
				row.get("owner_avatar_key", String.class), row.get("media_kind", String.class),
				row.get("content_type", String.class), row.get("size_bytes", Long.class),
				row.get("upload_state", String.class), row.get("processing_state", String.class),
				row.get("processing_error", String.class), row.get("thumbnail_key", String.class),
				row.get("thumbnail_width", Integer.class), row.get("thumbnail_height", Integer.class),
				row.get("duration_ms", Long.class), row.get("width", Integer.class), row.get("height", Integer.class),
				row.get("video_codec", String.class), row.get("fps", Double.class), row.get("has_audio", Boolean.class),
				row.get("bitrate", Long.class), row.get("like_count", Integer.class), row.get("poster_key", String.class),
				row.get("preview_key", String.class), row.get("processed_at", OffsetDateTime.class), fromPage ? row.get("sort_value", String.class) : null,
				fromPage ? row.get("tag_names", String[].class) : null,
				fromPage ? row.get("liker_names", String[].class) : null,
				fromPage ? row.get("liker_avatar_keys", String[].class) : null, Rendition.of(row));
	}

	/** Whether the row came with its tags and likes. */
	boolean embedsTagsAndLikes() {
		return tagNames != null && likerNames != null && likerAvatarKeys != null;
	}

	boolean ownedBy(String username) {
		return ownerName != null && username != null && ownerName.equalsIgnoreCase(username);
	}

}
