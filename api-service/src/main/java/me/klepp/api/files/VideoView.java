package me.klepp.api.files;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A file as the React frontend reads it (the predecessor's {@code Video}), plus what the worker found out
 * about the media. The frontend ignores the fields it does not know.
 */
public record VideoView(String path, @JsonProperty("display_name") String displayName, boolean hidden,
		@JsonProperty("uploaded_at") OffsetDateTime uploadedAt, String uri, @JsonProperty("expire_at") Instant expireAt,
		UserView user, List<TagView> tags, @JsonProperty("thumbnail_uri") String thumbnailUri, List<UserView> likes,
		@JsonProperty("like_count") int likeCount, @JsonProperty("media_kind") String mediaKind,
		@JsonProperty("content_type") String contentType, Long size,
		@JsonProperty("processing_state") String processingState,
		@JsonProperty("processing_error") String processingError, MediaView media,
		@JsonProperty("poster_uri") String posterUri, @JsonProperty("preview_uri") String previewUri,
		@JsonProperty("original_uri") String originalUri, PlaybackView playback) {

	/**
	 * How a video plays in browsers; null for images.
	 * @param state {@code original} (as uploaded), {@code ready} (the rendition {@code uri} points at),
	 * {@code transcoding} (not yet decided or made: {@code uri} is the original), {@code failed}
	 * @param decision {@code original}, {@code remux} or {@code transcode}; null until decided
	 * @param progress while {@code transcoding}: how much of the clip is done, percent, once the worker said so;
	 * null otherwise
	 */
	public record PlaybackView(String state, Integer width, Integer height,
			@JsonProperty("video_codec") String videoCodec, Long size, String decision, String error,
			Integer progress) {
	}

	public record UserView(String name, @JsonProperty("thumbnail_uri") String thumbnailUri) {
	}

	public record TagView(String name) {
	}

	/** Null until the thumbnail worker has looked at the file. */
	public record MediaView(@JsonProperty("duration_ms") Long durationMs, Integer width, Integer height,
			@JsonProperty("video_codec") String videoCodec, Double fps, @JsonProperty("has_audio") Boolean hasAudio,
			Long bitrate, @JsonProperty("thumbnail_width") Integer thumbnailWidth,
			@JsonProperty("thumbnail_height") Integer thumbnailHeight) {
	}

}
