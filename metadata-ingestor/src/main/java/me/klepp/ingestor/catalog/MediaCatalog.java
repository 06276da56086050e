package me.klepp.ingestor.catalog;


import me.klepp.events.MediaProcessedV1;
import me.klepp.events.MediaProcessingFailedV1;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ingestor's writes to {@code media_file}. Upload and processing facts go to separate columns, and each
 * write sets absolute values, so applying an event twice, or the two streams in either order, ends in the
 * same row.
 */
@Repository
public class MediaCatalog {

	private final JdbcClient jdbc;

	MediaCatalog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** @return whether a catalog row exists for the object */
	@Transactional
	public boolean recordProcessed(MediaProcessedV1 processed) {
		var media = processed.metadata();
		return jdbc.sql("""
				update media_file
				set processing_state = 'done', processing_error = null, thumbnail_key = :thumbnailKey,
				    thumbnail_width = :thumbnailWidth, thumbnail_height = :thumbnailHeight,
				    poster_key = :posterKey, poster_width = :posterWidth, poster_height = :posterHeight,
				    preview_key = :previewKey, rotation = :rotation,
				    duration_ms = :durationMs, width = :width, height = :height, video_codec = :videoCodec,
				    fps = :fps, has_audio = :hasAudio, bitrate = :bitrate, processed_at = now()
				where object_key = :key""")
			.param("thumbnailKey", processed.thumbnailKey())
			.param("thumbnailWidth", processed.thumbnailWidth())
			.param("thumbnailHeight", processed.thumbnailHeight())
			// absent in events of older workers: stored as null, so the row says what the latest event said
			.param("posterKey", processed.posterKey())
			.param("posterWidth", processed.posterWidth())
			.param("posterHeight", processed.posterHeight())
			.param("previewKey", processed.previewKey())
			.param("rotation", media.rotation())
			.param("durationMs", media.durationMs())
			.param("width", media.width())
			.param("height", media.height())
			.param("videoCodec", media.videoCodec())
			.param("fps", media.fps())
			.param("hasAudio", media.hasAudio())
			.param("bitrate", media.bitrate())
			.param("key", processed.key())
			.update() > 0;
	}

	/**
	 * A failure never overwrites a success: a late failure report (e.g. of an earlier attempt) must not hide a
	 * thumbnail that exists.
	 * @return whether a catalog row exists for the object
	 */
	@Transactional
	public boolean recordFailed(MediaProcessingFailedV1 failed) {
		jdbc.sql("""
				update media_file set processing_state = 'failed', processing_error = :reason, processed_at = now()
				where object_key = :key and processing_state <> 'done'""")
			.param("reason", failed.reason())
			.param("key", failed.key())
			.update();
		return jdbc.sql("select count(*) from media_file where object_key = :key")
			.param("key", failed.key())
			.query(Long.class)
			.single() > 0;
	}

}
