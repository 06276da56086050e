package me.klepp.api.files;

import java.util.List;
import java.util.Map;

import me.klepp.api.auth.CurrentUser;
import me.klepp.api.problems.Problems;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Reads files. The feed lists only files whose upload S3 has confirmed; a hidden file exists only for its
 * owner and moderators: everyone else gets the same 404 as for a file that never existed.
 */
@Service
public class FileCatalog {

	private final DatabaseClient db;

	private final FileViews views;

	private final FeedCounts counts;

	FileCatalog(DatabaseClient db, FileViews views, FeedCounts counts) {
		this.db = db;
		this.views = views;
		this.counts = counts;
	}

	Mono<FilePage> page(FeedQuery query) {
		FeedSql sql = new FeedSql(query);
		Mono<Long> count = counts.count(sql);
		Mono<List<FileRecord>> rows = bind(db.sql(sql.page()), sql.pageBinds()).map(row -> FileRecord.of(row, true))
			.all()
			.collectList();
		return Mono.zip(count, rows).flatMap(t -> {
			List<FileRecord> files = t.getT2();
			String next = files.size() == query.limit() ? FeedCursor.encode(query.order(),
					files.get(files.size() - 1).sortValue(), files.get(files.size() - 1).id()) : null;
			return views.of(files).map(list -> new FilePage(t.getT1(), list, next));
		});
	}

	/** A page of just the file at {@code key}, or an empty one when the caller may not see it. */
	Mono<FilePage> exactly(String key, CurrentUser caller) {
		return view(key, caller).map(file -> new FilePage(1, List.of(file), null))
			.onErrorResume(org.springframework.web.ErrorResponseException.class,
					notFound -> Mono.just(new FilePage(0, List.of(), null)));
	}

	/** The file as the caller may see it, or a 404 problem. */
	public Mono<VideoView> view(String key, CurrentUser caller) {
		return visible(key, caller).flatMap(views::of);
	}

	Mono<FileRecord> visible(String key, CurrentUser caller) {
		return find(key).filter(file -> maysee(file, caller))
			.switchIfEmpty(Mono.error(() -> Problems.notFound("no file at path " + key)));
	}

	Mono<FileRecord> find(String key) {
		return db.sql("select " + FileRecord.COLUMNS + FeedSql.FROM + " where f.object_key = :key")
			.bind("key", key)
			.map(row -> FileRecord.of(row, false))
			.one();
	}

	static boolean maysee(FileRecord file, CurrentUser caller) {
		boolean privileged = caller != null && (caller.moderator() || file.ownedBy(caller.username()));
		return privileged || (!file.hidden() && "uploaded".equals(file.uploadState()) && file.ownerName() != null);
	}

	static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec,
			Map<String, Object> binds) {
		for (var bind : binds.entrySet()) {
			spec = spec.bind(bind.getKey(), bind.getValue());
		}
		return spec;
	}

}
