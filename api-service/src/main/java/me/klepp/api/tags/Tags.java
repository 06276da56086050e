package me.klepp.api.tags;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import me.klepp.api.problems.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Tag names are stored normalised and unique case-insensitively (a unique index on lower(name)). */
@Service
class Tags {

	private final DatabaseClient db;

	Tags(DatabaseClient db) {
		this.db = db;
	}

	Mono<TagPage> page(int offset, int limit) {
		Mono<Long> total = db.sql("select count(*) as total from tag").map(row -> row.get("total", Long.class)).one();
		Mono<List<TagView>> tags = db.sql("""
				select t.name, count(f.id) as files
				from tag t
				left join media_file_tag ft on ft.tag_id = t.id
				left join media_file f on f.id = ft.file_id and f.upload_state = 'uploaded' and not f.hidden
				group by t.id, t.name order by lower(t.name), t.id limit :limit offset :offset""")
			.bind("limit", limit)
			.bind("offset", offset)
			.map(row -> new TagView(row.get("name", String.class), row.get("files", Long.class)))
			.all()
			.collectList();
		return Mono.zip(total, tags).map(t -> new TagPage(t.getT1(), t.getT2()));
	}

	Mono<TagView> create(String name) {
		return db.sql("insert into tag (id, name) values (:id, :name) on conflict (lower(name)) do nothing")
			.bind("id", UUID.randomUUID())
			.bind("name", name)
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
