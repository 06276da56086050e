package me.klepp.api.files;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.r2dbc.spi.Readable;
import me.klepp.api.storage.MediaUrls;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Reads the feed from the catalog. Only files whose upload S3 has confirmed are listed. */
@Service
class FileCatalog {

	private final DatabaseClient db;

	private final MediaUrls urls;

	FileCatalog(DatabaseClient db, MediaUrls urls) {
		this.db = db;
		this.urls = urls;
	}

	Mono<FilePage> page(FeedQuery query) {
		Map<String, Object> binds = new LinkedHashMap<>();
		String where = where(query, binds);
		var count = bindAll(db.sql("select count(*) as total from media_file f left join app_user u on u.id = f.owner_id"
				+ where), binds)
			.map(row -> row.get("total", Long.class))
			.one();
		binds.put("limit", query.limit());
		binds.put("offset", query.offset());
		var rows = bindAll(db.sql("""
				select f.*, u.name as owner_name, u.avatar_key as owner_avatar_key
				from media_file f left join app_user u on u.id = f.owner_id""" + where
				+ " order by f.uploaded_at desc, f.id desc limit :limit offset :offset"), binds)
			.map(this::toView)
			.all()
			.collectList();
		return Mono.zip(count, rows).map(t -> new FilePage(t.getT1(), t.getT2()));
	}

	private static String where(FeedQuery query, Map<String, Object> binds) {
		List<String> conditions = new ArrayList<>();
		conditions.add("f.upload_state = 'uploaded'");
		if (query.username() != null && !query.username().isBlank()) {
			conditions.add("lower(u.name) = lower(:username)");
			binds.put("username", query.username());
		}
		String caller = query.caller() == null ? null : query.caller().username();
		if (caller == null || Boolean.FALSE.equals(query.hidden())) {
			conditions.add("not f.hidden");
		}
		else if (Boolean.TRUE.equals(query.hidden())) {
			conditions.add("f.hidden and lower(u.name) = lower(:caller)");
			binds.put("caller", caller);
		}
		else {
			conditions.add("(not f.hidden or lower(u.name) = lower(:caller))");
			binds.put("caller", caller);
		}
		return " where " + String.join(" and ", conditions);
	}

	private static DatabaseClient.GenericExecuteSpec bindAll(DatabaseClient.GenericExecuteSpec spec,
			Map<String, Object> binds) {
		for (var bind : binds.entrySet()) {
			spec = spec.bind(bind.getKey(), bind.getValue());
		}
		return spec;
	}

	private VideoView toView(Readable row) {
		String key = row.get("object_key", String.class);
		var media = urls.media(key);
		var thumbnail = urls.derived(row.get("thumbnail_key", String.class));
		String ownerName = row.get("owner_name", String.class);
		var owner = ownerName == null ? null
				: new VideoView.UserView(ownerName,
						urlOf(urls.derived(row.get("owner_avatar_key", String.class))));
		String processingState = row.get("processing_state", String.class);
		VideoView.MediaView mediaView = "done".equals(processingState) ? new VideoView.MediaView(
				row.get("duration_ms", Long.class), row.get("width", Integer.class), row.get("height", Integer.class),
				row.get("video_codec", String.class), row.get("fps", Double.class),
				row.get("has_audio", Boolean.class), row.get("bitrate", Long.class),
				row.get("thumbnail_width", Integer.class), row.get("thumbnail_height", Integer.class)) : null;
		return new VideoView(key, row.get("display_name", String.class), Boolean.TRUE.equals(row.get("hidden", Boolean.class)),
				row.get("uploaded_at", OffsetDateTime.class), media.url(), media.expiresAt(), owner, List.of(),
				urlOf(thumbnail), List.of(), row.get("media_kind", String.class), row.get("content_type", String.class),
				row.get("size_bytes", Long.class), processingState, mediaView);
	}

	private static String urlOf(MediaUrls.MediaUrl url) {
		return url == null ? null : url.url();
	}

}
