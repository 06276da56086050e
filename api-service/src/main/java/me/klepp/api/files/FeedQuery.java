package me.klepp.api.files;

import java.util.List;
import java.util.Locale;

import me.klepp.api.auth.CurrentUser;
import me.klepp.api.problems.Problems;
import me.klepp.api.tags.TagNames;
import org.springframework.http.HttpStatus;

/**
 * What a caller asked the feed for, validated. {@code hidden} keeps the predecessor's tri-state: omitted means
 * public files plus the caller's own hidden ones, {@code true} only the caller's hidden ones (a moderator: all
 * hidden ones), {@code false} public only. Anonymous callers only ever see public files.
 * <p>
 * {@code state}: the feed lists files that are ready to show (confirmed and processed); files still being
 * processed, or that could not be, are listed only when asked for ({@code processing}, {@code failed},
 * {@code all}), and then only the caller's own (a moderator: everyone's). {@code media} narrows ready files to
 * what a player needs ({@link Media}). {@code path} asks for exactly one file.
 */
record FeedQuery(CurrentUser caller, String username, String name, List<String> tags, boolean allTags,
		Boolean hidden, boolean likedByCaller, Media media, State state, FeedSort.Order order, int offset, int limit,
		FeedCursor cursor) {

	/** Which ready files the feed lists ({@code feed_class}, V9). */
	enum Media {

		/** Videos every browser plays as they are, in an {@code .mp4} URI: what the published frontend shows. */
		PLAYABLE,
		/** Every video. */
		VIDEO,
		/** Pictures. */
		IMAGE,
		/** Everything. */
		ALL;

		static Media parse(String value) {
			for (Media media : values()) {
				if (media.name().equalsIgnoreCase(value.strip())) {
					return media;
				}
			}
			throw Problems.badRequest("media must be 'playable', 'video', 'image' or 'all', was '" + value + "'");
		}

	}

	/** Which processing states the feed lists. */
	enum State {

		READY, PROCESSING, FAILED, ALL;

		static State parse(String value) {
			if (value == null || value.isBlank()) {
				return READY;
			}
			for (State state : values()) {
				if (state.name().equalsIgnoreCase(value.strip())) {
					return state;
				}
			}
			throw Problems.badRequest("state must be 'ready', 'processing', 'failed' or 'all', was '" + value + "'");
		}

	}

	static final int MAX_LIMIT = 100;

	static final int MAX_TAGS = 20;

	/** A query with the default media ({@link Media#PLAYABLE}) and state. */
	static FeedQuery of(CurrentUser caller, String username, String name, List<String> tags, String tagMode,
			Boolean hidden, String likedBy, String media, String sort, int offset, int limit, String cursor) {
		return of(caller, username, name, tags, tagMode, hidden, likedBy, media, null, Media.PLAYABLE, sort, offset,
				limit, cursor);
	}

	static FeedQuery of(CurrentUser caller, String username, String name, List<String> tags, String tagMode,
			Boolean hidden, String likedBy, String media, String state, Media defaultMedia, String sort, int offset,
			int limit, String cursor) {
		if (offset < 0) {
			throw Problems.badRequest("offset must be 0 or more, was " + offset);
		}
		if (limit < 1 || limit > MAX_LIMIT) {
			throw Problems.badRequest("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
		}
		List<String> wantedTags = tags == null ? List.of()
				: tags.stream().map(TagNames::normalize).filter(t -> !t.isEmpty()).distinct().toList();
		if (wantedTags.size() > MAX_TAGS) {
			throw Problems.badRequest("at most " + MAX_TAGS + " tag filters, got " + wantedTags.size());
		}
		boolean allTags = switch (tagMode == null ? "any" : tagMode.toLowerCase(Locale.ROOT)) {
			case "any" -> false;
			case "all" -> true;
			default -> throw Problems.badRequest("tag_mode must be 'any' or 'all', was '" + tagMode + "'");
		};
		boolean likedByCaller = false;
		if (likedBy != null) {
			if (!"me".equals(likedBy)) {
				throw Problems.badRequest("liked_by only takes 'me'");
			}
			if (caller == null) {
				throw Problems.of(HttpStatus.UNAUTHORIZED, "sign in to list the files you liked");
			}
			likedByCaller = true;
		}
		Media wantedMedia = media == null || media.isBlank() ? defaultMedia : Media.parse(media);
		State wantedState = State.parse(state);
		if (wantedState != State.READY && caller == null) {
			throw Problems.of(HttpStatus.UNAUTHORIZED, "sign in to list your files that are not ready yet");
		}
		FeedSort.Order order = FeedSort.Order.parse(sort);
		FeedCursor position = null;
		if (cursor != null && !cursor.isBlank()) {
			if (offset != 0) {
				throw Problems.badRequest("use either cursor or offset, not both");
			}
			position = FeedCursor.decode(cursor, order);
		}
		return new FeedQuery(caller, blankToNull(username), blankToNull(name), wantedTags, allTags, hidden,
				likedByCaller, wantedMedia, wantedState, order, offset, limit, position);
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
