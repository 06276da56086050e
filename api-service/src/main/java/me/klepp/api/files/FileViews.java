package me.klepp.api.files;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import me.klepp.api.storage.MediaUrls;
import me.klepp.api.storage.MediaUrls.DerivedKind;
import me.klepp.api.web.RequestBaseUrl;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Turns rows into the frontend's {@code Video}: URLs, and tags and likes, which feed pages bring along and which
 * are read for other rows in two queries.
 */
@Component
class FileViews {

	private final DatabaseClient db;

	private final MediaUrls urls;

	FileViews(DatabaseClient db, MediaUrls urls) {
		this.db = db;
		this.urls = urls;
	}

	Mono<List<VideoView>> of(List<FileRecord> files) {
		if (files.isEmpty()) {
			return Mono.just(List.of());
		}
		if (files.stream().allMatch(FileRecord::embedsTagsAndLikes)) {
			return Mono.deferContextual(context -> Mono.just(files.stream()
				.map(file -> view(file, embeddedTags(file), embeddedLikes(file, RequestBaseUrl.of(context)),
						RequestBaseUrl.of(context)))
				.toList()));
		}
		UUID[] ids = files.stream().map(FileRecord::id).toArray(UUID[]::new);
		Mono<Map<UUID, List<VideoView.TagView>>> tags = db.sql("""
				select ft.file_id, t.name from media_file_tag ft join tag t on t.id = ft.tag_id
				where ft.file_id = any(:ids) order by t.name""")
			.bind("ids", ids)
			.map(row -> Map.entry(row.get("file_id", UUID.class), new VideoView.TagView(row.get("name", String.class))))
			.all()
			.collect(HashMap::new, (map, e) -> map.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
		Mono<Map<UUID, List<VideoView.UserView>>> likes = Mono.deferContextual(context -> db.sql("""
				select l.file_id, u.name, u.avatar_key from media_like l join app_user u on u.id = l.user_id
				where l.file_id = any(:ids) order by l.liked_at""")
			.bind("ids", ids)
			.map(row -> Map.entry(row.get("file_id", UUID.class),
					user(row.get("name", String.class), row.get("avatar_key", String.class), RequestBaseUrl.of(context))))
			.all()
			.collect(HashMap::new, (map, e) -> map.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue())));
		return Mono.deferContextual(context -> Mono.zip(tags, likes)
			.map(t -> files.stream()
				.map(file -> view(file, t.getT1().getOrDefault(file.id(), List.of()),
						t.getT2().getOrDefault(file.id(), List.of()), RequestBaseUrl.of(context)))
				.toList()));
	}

	private static List<VideoView.TagView> embeddedTags(FileRecord file) {
		List<VideoView.TagView> tags = new ArrayList<>(file.tagNames().length);
		for (String name : file.tagNames()) {
			tags.add(new VideoView.TagView(name));
		}
		return tags;
	}

	private List<VideoView.UserView> embeddedLikes(FileRecord file, String apiBase) {
		List<VideoView.UserView> likes = new ArrayList<>(file.likerNames().length);
		for (int i = 0; i < file.likerNames().length; i++) {
			likes.add(user(file.likerNames()[i], file.likerAvatarKeys()[i], apiBase));
		}
		return likes;
	}

	Mono<VideoView> of(FileRecord file) {
		return of(List.of(file)).map(views -> views.get(0));
	}

	private VideoView view(FileRecord file, List<VideoView.TagView> tags, List<VideoView.UserView> likes,
			String apiBase) {
		var original = urls.media(file.key(), file.hidden(), apiBase);
		var rendition = file.rendition();
		var media = rendition.ready()
				? urls.playable(file.key(), rendition.key(), rendition.etag(), file.hidden(), apiBase)
				: original;
		var owner = file.ownerName() == null ? null : user(file.ownerName(), file.ownerAvatarKey(), apiBase);
		VideoView.MediaView mediaView = "done".equals(file.processingState())
				? new VideoView.MediaView(file.durationMs(), file.width(), file.height(), file.videoCodec(), file.fps(),
						file.hasAudio(), file.bitrate(), file.thumbnailWidth(), file.thumbnailHeight())
				: null;
		return new VideoView(file.key(), file.displayName(), file.hidden(), file.uploadedAt(), media.url(),
				media.expiresAt(), owner, tags, urlOf(DerivedKind.THUMBNAIL, file, file.thumbnailKey(), apiBase), likes,
				file.likeCount(), file.mediaKind(), file.contentType(), file.size(), file.processingState(),
				file.processingError(), mediaView, urlOf(DerivedKind.POSTER, file, file.posterKey(), apiBase),
				urlOf(DerivedKind.PREVIEW, file, file.previewKey(), apiBase), original.url(), playback(file));
	}

	private static VideoView.PlaybackView playback(FileRecord file) {
		if (!"video".equals(file.mediaKind())) {
			return null;
		}
		var rendition = file.rendition();
		if (rendition.state() == null) {
			return new VideoView.PlaybackView("transcoding", null, null, null, null, null, null, rendition.progress());
		}
		return switch (rendition.state()) {
			case "original" -> new VideoView.PlaybackView("original", rendition.width(), rendition.height(),
					file.videoCodec(), file.size(), rendition.decision(), null, null);
			case "ready" -> new VideoView.PlaybackView("ready", rendition.width(), rendition.height(), "h264",
					rendition.size(), rendition.decision(), null, null);
			default -> new VideoView.PlaybackView("failed", null, null, null, null, null, rendition.error(), null);
		};
	}

	private String urlOf(DerivedKind kind, FileRecord file, String derivedKey, String apiBase) {
		return urls.derived(kind, file.key(), derivedKey, file.processedAt(), file.hidden(), apiBase);
	}

	private VideoView.UserView user(String name, String avatarKey, String apiBase) {
		return new VideoView.UserView(name, urls.avatar(name, avatarKey, apiBase));
	}

}
