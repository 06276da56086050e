package me.klepp.api.tags;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import me.klepp.api.auth.CurrentUser;
import me.klepp.api.problems.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Tag names are stored normalised and unique case-insensitively (a unique index on lower(name)). */
@Service
class Tags {

	/** The tags a caller is shown ({@code :me} their name or null, {@code :moderator}), with public file counts. */
	private static final String LISTED = """
			with me as (select id from app_user where lower(name) = lower(:me)),
			listed as (
			    select t.id, t.name, count(f.id) filter (where not f.hidden) as files
			    from tag t
			    left join media_file_tag ft on ft.tag_id = t.id
			    left join media_file f on f.id = ft.file_id and f.upload_state = 'uploaded'
			    group by t.id, t.name, t.created_by
			    having count(f.id) filter (where not f.hidden) > 0 or :moderator
			        or coalesce(bool_or(f.owner_id = (select id from me)), false)
			        or (t.created_by is not null and t.created_by = (select id from me))
			)""";

	private final DatabaseClient db;

	Tags(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Tags a public file carries, and those of the caller (on their own listed files, hidden ones included, or
	 * created by them); all of them for a moderator. {@code count} is always the number of public files.
	 */
	Mono<TagPage> page(CurrentUser caller, int offset, int limit) {
		Mono<Long> total = bindCaller(db.sql(LISTED + " select count(*) as total from listed"), caller)
			.map(row -> row.get("total", Long.class))
			.one();
		Mono<List<TagView>> tags = bindCaller(db.sql(LISTED + """
				 select name, files from listed order by lower(name), id limit :limit offset :offset"""), caller)
			.bind("limit", limit)
			.bind("offset", offset)
			.map(row -> new TagView(row.get("name", String.class), row.get("files", Long.class)))
			.all()
			.collectList();
		return Mono.zip(total, tags).map(t -> new TagPage(t.getT1(), t.getT2()));
	}

	private static DatabaseClient.GenericExecuteSpec bindCaller(DatabaseClient.GenericExecuteSpec sql,
			CurrentUser caller) {
		return (caller == null ? sql.bindNull("me", String.class) : sql.bind("me", caller.username()))
			.bind("moderator", caller != null && caller.moderator());
	}

	Mono<TagView> create(String name, String creator) {
		return db.sql("""
				insert into tag (id, name, created_by)
				values (:id, :name, (select id from app_user where lower(name) = lower(:creator)))
				on conflict (lower(name)) do nothing""")
			.bind("id", UUID.randomUUID())
			.bind("name", name)
			.bind("creator", creator)
			.fetch()
			.rowsUpdated()
			.map(rows -> {
				if (rows == 0) {
					throw Problems.of(HttpStatus.CONFLICT, "tag '" + name + "' exists already");
				}
				return new TagView(name, 0);
			});
	}

	Mono<Void> delete(String name) {
		return db.sql("delete from tag where lower(name) = lower(:name)")
			.bind("name", name)
			.fetch()
			.rowsUpdated()
			.flatMap(rows -> rows == 0 ? Mono.error(Problems.notFound("no tag named '" + name + "'")) : Mono.empty());
	}

	record TagView(String name, @JsonProperty("count") long files) {
	}

	record TagPage(@JsonProperty("total_count") long totalCount, List<TagView> response) {
	}

}
