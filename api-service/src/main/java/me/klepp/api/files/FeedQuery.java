package me.klepp.api.files;

import me.klepp.api.auth.CurrentUser;
import me.klepp.api.problems.Problems;

/**
 * What a caller asked the feed for. {@code hidden} keeps the predecessor's tri-state: omitted means public files
 * plus the caller's own hidden ones, {@code true} only the caller's hidden ones, {@code false} public only.
 */
record FeedQuery(CurrentUser caller, String username, Boolean hidden, int offset, int limit) {

	static final int MAX_LIMIT = 100;

	FeedQuery {
		if (offset < 0) {
			throw Problems.badRequest("offset must be 0 or more, was " + offset);
		}
		if (limit < 1 || limit > MAX_LIMIT) {
			throw Problems.badRequest("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
		}
	}

}
