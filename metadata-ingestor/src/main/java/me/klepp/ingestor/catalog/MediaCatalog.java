package me.klepp.ingestor.catalog;


import java.util.Map;
import java.util.Optional;

import me.klepp.events.MediaProcessedV1;
import me.klepp.events.MediaProcessingFailedV1;
import me.klepp.events.PreviewReadyV1;
import me.klepp.events.RenditionFailedV1;
import me.klepp.events.RenditionProgressedV1;
import me.klepp.events.RenditionReadyV1;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ingestor's writes to {@code media_file}. Upload and processing facts go to separate columns, and each
 * write sets absolute values, so applying an event twice, or the two streams in either order, ends in the
 * same row.
 *
 * <p>
 * A result is about one version of the object (its ETag, kept in {@code processed_etag}). It is written when the
 * row knows that version, or knows none yet (the worker's event may come before S3's; if S3 then reports
 * another version, {@link ObjectRegistry#created} resets the processing columns). When the row knows another
 * version, the caller asks S3 which one is current and may write again with {@code rowEtag}.
 */
@Repository
public class MediaCatalog {

	// The preview is its own result (preview-ready.v1), which may come before or after this one: a processed event
	// without a preview (as current workers send it) keeps the preview of its own version and drops another's. One
	// with a preview (from older workers) records it.
	private static final String WRITE_PROCESSED = """
			update media_file
			set processing_state = 'done', processing_error = null, thumbnail_key = :thumbnailKey,
			    thumbnail_width = :thumbnailWidth, thumbnail_height = :thumbnailHeight,
			    poster_key = :posterKey, poster_width = :posterWidth, poster_height = :posterHeight,
			    preview_key = coalesce(cast(:previewKey as text), case when preview_etag = :etag then preview_key end),
			    preview_etag = case when cast(:previewKey as text) is not null or preview_etag = :etag then :etag end,
			    rotation = :rotation, duration_ms = :durationMs, width = :width, height = :height, video_codec = :videoCodec,
			    fps = :fps, has_audio = :hasAudio, bitrate = :bitrate, processed_etag = :etag, processed_at = now()
			where object_key = :key""";

	// A failure never overwrites a success of the same version: a late failure report (e.g. of an earlier attempt)
	// must not hide a thumbnail that exists. A failure of a newer version does replace an older one's success, and
	// takes its pictures and metadata with it: they show other bytes. A preview of the failure's own version stays,
	// like a success of it, so that the success arriving last ends in the same row as arriving first.
	private static final String WRITE_FAILED = """
			update media_file
			set processing_state = 'failed', processing_error = :reason, processed_etag = :etag, processed_at = now(),
			    thumbnail_key = null, thumbnail_width = null, thumbnail_height = null, poster_key = null,
			    poster_width = null, poster_height = null,
			    preview_key = case when preview_etag = :etag then preview_key end,
			    preview_etag = case when preview_etag = :etag then preview_etag end, rotation = null, duration_ms = null,
			    width = null, height = null, video_codec = null, fps = null, has_audio = null, bitrate = null
			where object_key = :key and not (processing_state = 'done' and processed_etag is not distinct from :etag)""";

	// processed_at is the version of the derived objects' URLs (api-service's MediaUrls): a regeneration's processed
	// event gives them a new one while the preview is still being made again, so the new preview needs another,
	// or browsers keep the old one they fetched meanwhile. Before the processed event it stays: that sets it.
	private static final String WRITE_PREVIEW = """
			update media_file
			set preview_key = :previewKey, preview_etag = :etag,
			    processed_at = case when processing_state = 'done' then now() else processed_at end
			where object_key = :key""";

	private static final String WRITE_RENDITION = """
			update media_file
			set rendition_state = :state, rendition_etag = :etag, rendition_decision = :decision,
			    rendition_key = :renditionKey, rendition_error = null, rendition_size = :size,
			    rendition_width = :width, rendition_height = :height, rendition_duration_ms = :durationMs
			where object_key = :key""";

	// As for processing: a late failure never hides a rendition of the same version.
	private static final String WRITE_RENDITION_FAILED = """
			update media_file
			set rendition_state = 'failed', rendition_etag = :etag, rendition_decision = null, rendition_key = null,
			    rendition_error = :reason, rendition_size = null, rendition_width = null, rendition_height = null,
			    rendition_duration_ms = null
			where object_key = :key
			  and not (rendition_state in ('original', 'ready') and rendition_etag is not distinct from :etag)""";

	/** The row knows the result's version, or none yet. */
	// Progress of the current version only, never after its result, never backwards (reports may come out of order).
	private static final String WRITE_RENDITION_PROGRESS = """
			update media_file
			set rendition_progress = :percent, rendition_progress_etag = :etag
			where object_key = :key and (etag is null or etag = :etag)
			  and not (rendition_state is not null and rendition_etag is not distinct from :etag)
			  and (rendition_progress_etag is distinct from :etag or rendition_progress < :percent)""";

	private static final String THIS_VERSION = "(etag is null or etag = :etag)";

	/** The row still knows the version it knew when S3 was asked. */
	private static final String ROW_VERSION = "etag = :rowEtag";

	private final JdbcClient jdbc;

	MediaCatalog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param rowEtag null to write only when the row knows this version or none; else the version the row knew
	 * when S3 said the result's version is the current one
	 */
	@Transactional
	public Recording recordProcessed(MediaProcessedV1 processed, String rowEtag) {
		var media = processed.metadata();
		int written = jdbc.sql(WRITE_PROCESSED + " and " + (rowEtag == null ? THIS_VERSION : ROW_VERSION))
			.param("thumbnailKey", processed.thumbnailKey())
			.param("thumbnailWidth", processed.thumbnailWidth())
			.param("thumbnailHeight", processed.thumbnailHeight())
			// absent in events of older workers: stored as null, so the row says what the latest event said
			.param("posterKey", processed.posterKey())
			.param("posterWidth", processed.posterWidth())
			.param("posterHeight", processed.posterHeight())
			// sent only by older workers; absent, the preview of this version stays (WRITE_PROCESSED)
			.param("previewKey", processed.previewKey())
			.param("rotation", media.rotation())
			.param("durationMs", media.durationMs())
			.param("width", media.width())
			.param("height", media.height())
			.param("videoCodec", media.videoCodec())
			.param("fps", media.fps())
			.param("hasAudio", media.hasAudio())
			.param("bitrate", media.bitrate())
			.params(versionParams(processed.key(), processed.etag(), rowEtag))
			.update();
		return written > 0 ? Recording.RECORDED_NOW : unwritten(processed.key(), processed.etag());
	}

	/** @param rowEtag as for {@link #recordProcessed} */
	@Transactional
	public Recording recordFailed(MediaProcessingFailedV1 failed, String reason, String rowEtag) {
		int written = jdbc.sql(WRITE_FAILED + " and " + (rowEtag == null ? THIS_VERSION : ROW_VERSION))
			.param("reason", reason)
			.params(versionParams(failed.key(), failed.etag(), rowEtag))
			.update();
		return written > 0 ? Recording.RECORDED_NOW : unwritten(failed.key(), failed.etag());
	}

	/** @param rowEtag as for {@link #recordProcessed} */
	@Transactional
	public Recording recordPreview(PreviewReadyV1 ready, String rowEtag) {
		int written = jdbc.sql(WRITE_PREVIEW + " and " + (rowEtag == null ? THIS_VERSION : ROW_VERSION))
			.param("previewKey", ready.previewKey())
			.params(versionParams(ready.key(), ready.etag(), rowEtag))
			.update();
		return written > 0 ? Recording.RECORDED_NOW : unwritten(ready.key(), ready.etag());
	}

	/** @param rowEtag as for {@link #recordProcessed} */
	@Transactional
	public Recording recordRendition(RenditionReadyV1 ready, String rowEtag) {
		var sql = jdbc.sql(WRITE_RENDITION + " and " + (rowEtag == null ? THIS_VERSION : ROW_VERSION))
			.param("state", RenditionReadyV1.ORIGINAL.equals(ready.decision()) ? "original" : "ready")
			.param("decision", ready.decision())
			.param("renditionKey", ready.renditionKey())
			.param("size", ready.sizeBytes())
			.param("width", ready.width())
			.param("height", ready.height())
			.param("durationMs", ready.durationMs());
		int written = sql.params(versionParams(ready.key(), ready.etag(), rowEtag)).update();
		return written > 0 ? Recording.RECORDED_NOW : unwritten(ready.key(), ready.etag());
	}

	/** @param rowEtag as for {@link #recordProcessed} */
	@Transactional
	public Recording recordRenditionFailed(RenditionFailedV1 failed, String reason, String rowEtag) {
		int written = jdbc.sql(WRITE_RENDITION_FAILED + " and " + (rowEtag == null ? THIS_VERSION : ROW_VERSION))
			.param("reason", reason)
			.params(versionParams(failed.key(), failed.etag(), rowEtag))
			.update();
		return written > 0 ? Recording.RECORDED_NOW : unwritten(failed.key(), failed.etag());
	}

	/**
	 * How far the transcode of the object's current version has got. A report about another version, or after the
	 * result, or behind an earlier one, changes nothing: it is only for people waiting.
	 *
	 * @return whether the row took it
	 */
	@Transactional
	public boolean recordRenditionProgress(RenditionProgressedV1 progressed) {
		return jdbc.sql(WRITE_RENDITION_PROGRESS)
			.param("percent", progressed.percent())
			.param("etag", progressed.etag())
			.param("key", progressed.key())
			.update() > 0;
	}

	private static Map<String, Object> versionParams(String key, String etag, String rowEtag) {
		return rowEtag == null ? Map.of("key", key, "etag", etag) : Map.of("key", key, "etag", etag, "rowEtag", rowEtag);
	}

	private Recording unwritten(String key, String etag) {
		Optional<Optional<String>> row = jdbc.sql("select etag from media_file where object_key = :key")
			.param("key", key)
			.query((rs, n) -> Optional.ofNullable(rs.getString(1)))
			.optional();
		if (row.isEmpty()) {
			return Recording.NO_ROW;
		}
		String known = row.get().orElse(null);
		if (known != null && !known.equals(etag)) {
			return new Recording(Recording.Result.OTHER_VERSION, known);
		}
		return Recording.KEPT;
	}

	/**
	 * @param rowEtag the version the row knows, for {@link Result#OTHER_VERSION}
	 */
	public record Recording(Result result, String rowEtag) {

		static final Recording RECORDED_NOW = new Recording(Result.RECORDED, null);

		static final Recording NO_ROW = new Recording(Result.NO_ROW, null);

		static final Recording KEPT = new Recording(Result.KEPT, null);

		public enum Result {

			/** The row now says what the result says. */
			RECORDED,
			/** A failure of the version whose success the row already has: the success stays. */
			KEPT,
			/** No row for the key (yet). */
			NO_ROW,
			/** The row knows another version of the object. */
			OTHER_VERSION

		}

	}

}
