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

	final String where;

	final Map<String, Object> binds = new LinkedHashMap<>();

	private final FeedQuery query;

	FeedSql(FeedQuery query) {
		this.query = query;
		this.where = where();
	}

	/** The number of matches, with the snapshot they were counted in (see {@link FeedCounts}). */
	String count() {
		return "select count(*) as total, pg_current_snapshot()::text as snapshot" + FROM + where;
	}

	/** The page, with each row's sort value as text for the next cursor. */
	String page() {
		FeedSort sort = query.order().sort();
		String direction = query.order().descending() ? "desc" : "asc";
		StringBuilder sql = new StringBuilder("select f.*, u.name as owner_name, u.avatar_key as owner_avatar_key, (")
			.append(sort.expression)
			.append(")::text as sort_value")
			.append(FROM)
			.append(where);
		if (query.cursor() != null) {
			sql.append(where.isEmpty() ? " where " : " and ")
				.append("(")
				.append(sort.expression)
				.append(", f.id) ")
				.append(query.order().descending() ? "<" : ">")
				.append(" (cast(:cursorValue as ")
				.append(sort.sqlType)
				.append("), :cursorId)");
		}
		sql.append(" order by ").append(sort.expression).append(' ').append(direction);
		sql.append(", f.id ").append(direction);
		sql.append(" limit :limit offset :offset");
		return sql.toString();
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
			conditions.add("f.hidden and lower(u.name) = lower(:caller)");
			binds.put("caller", caller);
		}
		else {
			conditions.add("(not f.hidden or lower(u.name) = lower(:caller))");
			binds.put("caller", caller);
		}
		if (query.username() != null) {
			conditions.add("lower(u.name) = lower(:username)");
			binds.put("username", query.username());
		}
		if (query.name() != null) {
			conditions.add("f.display_name ilike :name escape '\\'");
			binds.put("name", "%" + query.name().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
		}
		if (query.mediaKind() != null) {
			conditions.add("f.media_kind = :mediaKind");
			binds.put("mediaKind", query.mediaKind());
		}
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
