package me.klepp.api.files;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL of one feed request: fixed text chosen from whitelisted parts, every value a bind parameter.
 */
final class FeedSql {

	static final String FROM = " from media_file f left join app_user u on u.id = f.owner_id";

	/**
	 * The feed's filters read {@code media_file} alone (users by id), so that skipping to a deep offset walks one
	 * index and table rather than a join; the owner is joined for the page's rows only.
	 */
	private static final String FILES = " from media_file f";

	/** A user's id by name, once per statement; null when there is no such user, which then matches nothing. */
	private static final String USER_ID = "(select id from app_user where lower(name) = lower(:%s))";

	final String where;

	final Map<String, Object> binds = new LinkedHashMap<>();

	private final FeedQuery query;

	FeedSql(FeedQuery query) {
		this.query = query;
		this.where = where();
	}

	/** The number of matches, with the snapshot they were counted in (see {@link FeedCounts}). */
	String count() {
		return "select count(*) as total, pg_current_snapshot()::text as snapshot" + FILES + where;
	}

	/**
	 * The page, with each row's sort value as text for the next cursor, and its tags and likes: one statement per
	 * page (separate ones for tags and likes cost the API more than the rest of the request; docs/benchmarks.md).
	 * Tags and likes are read for the page's rows only, after the offset, in one set-based pass each rather than
	 * three subqueries per row (0.84 ms to 0.53 ms a page, prepared, on the 100,000-clip benchmark seed), and the
	 * page is sorted again outside.
	 */
	String page() {
		String direction = query.order().descending() ? "desc" : "asc";
		return "with p as (" + matches() + "), " + PAGE_TAGS + ", " + PAGE_LIKES
				+ " select p.*, u.name as owner_name, u.avatar_key as owner_avatar_key,"
				+ " coalesce(pt.names, '{}') as tag_names, coalesce(pl.names, '{}') as liker_names,"
				+ " coalesce(pl.avatar_keys, '{}') as liker_avatar_keys"
				+ " from p left join app_user u on u.id = p.owner_id left join pt on pt.file_id = p.id"
				+ " left join pl on pl.file_id = p.id order by p.sort_key " + direction + ", p.id " + direction;
	}

	/** The page's tags by name. */
	private static final String PAGE_TAGS = """
			pt as (select ft.file_id, array_agg(t.name order by t.name) as names \
			from media_file_tag ft join tag t on t.id = ft.tag_id \
			where ft.file_id in (select id from p) group by ft.file_id)""";

	/** Who liked each of the page's files (names and avatars, aligned) in the order they did. */
	private static final String PAGE_LIKES = """
			pl as (select l.file_id, array_agg(lu.name order by l.liked_at, l.user_id) as names, \
			array_agg(lu.avatar_key order by l.liked_at, l.user_id) as avatar_keys \
			from media_like l join app_user lu on lu.id = l.user_id \
			where l.file_id in (select id from p) group by l.file_id)""";

	private String matches() {
		FeedSort sort = query.order().sort();
		String direction = query.order().descending() ? "desc" : "asc";
		String from = sort == FeedSort.USERNAME ? FROM : FILES;
		String columns = "f.*, (" + sort.expression + ") as sort_key, (" + sort.expression + ")::text as sort_value";
		StringBuilder window = new StringBuilder(from).append(where);
		if (query.cursor() != null) {
			window.append(where.isEmpty() ? " where " : " and ")
				.append("(")
				.append(sort.expression)
				.append(", f.id) ")
				.append(query.order().descending() ? "<" : ">")
				.append(" (cast(:cursorValue as ")
				.append(sort.sqlType)
				.append("), :cursorId)");
		}
		window.append(" order by ").append(sort.expression).append(' ').append(direction);
		window.append(", f.id ").append(direction);
		window.append(" limit :limit offset :offset");
		if (query.offset() == 0) {
			return "select " + columns + window;
		}
		// The rows an offset skips are only counted: their ids come from the sort index alone (it carries the
		// filters' columns, V8), and only the page's rows are read from the table.
		return "select " + columns + from + " join (select f.id" + window + ") page_ids on page_ids.id = f.id";
	}

	/**
	 * Ready files of the wanted media, and, when asked for, files not ready yet: only the caller's own (a
	 * moderator: everyone's), of the wanted kind.
	 */
	private String readiness(boolean moderator) {
		String ready = switch (query.media()) {
			case PLAYABLE -> "f.feed_class = 'playable'";
			case VIDEO -> "f.feed_class in ('playable', 'video')";
			case IMAGE -> "f.feed_class = 'image'";
			case ALL -> "f.feed_class <> 'unready'";
		};
		if (query.state() == FeedQuery.State.READY) {
			return ready;
		}
		String unready = switch (query.state()) {
			case PROCESSING -> "f.processing_state = 'pending'";
			case FAILED -> "f.processing_state = 'failed'";
			default -> "f.feed_class = 'unready'";
		};
		String kind = switch (query.media()) {
			case PLAYABLE, VIDEO -> " and f.media_kind = 'video'";
			case IMAGE -> " and f.media_kind = 'image'";
			case ALL -> "";
		};
		if (!moderator) {
			unready += " and f.owner_id = " + USER_ID.formatted("caller");
			binds.put("caller", query.caller().username());
		}
		String own = "(" + unready + kind + ")";
		return query.state() == FeedQuery.State.ALL ? "(" + ready + " or " + own + ")" : own;
	}

	Map<String, Object> pageBinds() {
		Map<String, Object> all = new LinkedHashMap<>(binds);
		if (query.cursor() != null) {
			all.put("cursorValue", query.cursor().value());
			all.put("cursorId", query.cursor().id());
		}
		all.put("limit", query.limit());
		all.put("offset", query.offset());
		return all;
	}

	private String where() {
		List<String> conditions = new ArrayList<>();
		// Unclaimed direct uploads (no known owner) wait for a moderator outside the feed.
		conditions.add("f.upload_state = 'uploaded' and f.owner_id is not null");
		String caller = query.caller() == null ? null : query.caller().username();
		boolean moderator = query.caller() != null && query.caller().moderator();
		if (caller == null || Boolean.FALSE.equals(query.hidden())) {
			conditions.add("not f.hidden");
		}
		else if (Boolean.TRUE.equals(query.hidden()) && moderator) {
			conditions.add("f.hidden");
		}
		else if (Boolean.TRUE.equals(query.hidden())) {
			conditions.add("f.hidden and f.owner_id = " + USER_ID.formatted("caller"));
			binds.put("caller", caller);
		}
		else {
			conditions.add("(not f.hidden or f.owner_id = " + USER_ID.formatted("caller") + ")");
			binds.put("caller", caller);
		}
		if (query.username() != null) {
			conditions.add("f.owner_id = " + USER_ID.formatted("username"));
			binds.put("username", query.username());
		}
		if (query.name() != null) {
			conditions.add("f.display_name ilike :name escape '\\'");
			binds.put("name", "%" + query.name().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
		}
		conditions.add(readiness(moderator));
		if (!query.tags().isEmpty()) {
			String matching = "from media_file_tag ft join tag t on t.id = ft.tag_id"
					+ " where ft.file_id = f.id and lower(t.name) = any(:tags)";
			conditions.add(query.allTags() ? "(select count(*) " + matching + ") = :tagCount"
					: "exists (select 1 " + matching + ")");
			binds.put("tags", query.tags().toArray(String[]::new));
			if (query.allTags()) {
				binds.put("tagCount", (long) query.tags().size());
			}
		}
		if (query.likedByCaller()) {
			binds.put("caller", caller);
			conditions.add("exists (select 1 from media_like l join app_user lu on lu.id = l.user_id"
					+ " where l.file_id = f.id and lower(lu.name) = lower(:caller))");
		}
		return " where " + String.join(" and ", conditions);
	}

}
