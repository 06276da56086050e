package me.klepp.api.files;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import me.klepp.api.auth.CurrentUser;

/**
 * The benchmark's window into the feed (same package as the API's package-private {@link FeedSql}): the exact
 * statements the API issues for a feed request, so that the raw-SQL baseline runs the API's SQL, not a copy of it.
 */
public final class FeedStatements {

	private FeedStatements() {
	}

	/** One statement with its named binds ({@code :name}). */
	public record Statement(String name, String sql, Map<String, Object> binds) {
	}

	/**
	 * The count and the page statement of {@code GET /api/v2/files} with these parameters, as a signed-in
	 * {@code caller} (not a moderator) sends them.
	 */
	public static List<Statement> countAndPage(String caller, String sort, String tag, int offset, int limit,
			String cursor) {
		FeedQuery query = FeedQuery.of(caller == null ? null : new CurrentUser(caller, false), null, null,
				tag == null ? null : List.of(tag), null, null, null, null, sort, offset, limit, cursor);
		FeedSql sql = new FeedSql(query);
		return List.of(new Statement("count", sql.count(), Map.copyOf(sql.binds)),
				new Statement("page", sql.page(), sql.pageBinds()));
	}

	/**
	 * What the API issues instead of the count once it remembers one ({@link FeedCounts}): whether anything changed
	 * since the snapshot the count was taken in.
	 */
	public static Statement countCheck(String snapshot) {
		return new Statement("count check", FeedCounts.CHANGED_SINCE, Map.of("snapshot", snapshot));
	}

	/** The cursor the API hands out for a page ending at this row. */
	public static String cursor(String sort, String sortValue, UUID id) {
		return FeedCursor.encode(FeedSort.Order.parse(sort), sortValue, id);
	}

}
