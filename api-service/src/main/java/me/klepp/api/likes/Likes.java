package me.klepp.api.likes;

import java.util.UUID;

import me.klepp.api.auth.CurrentUser;
import me.klepp.api.files.FileCatalog;
import me.klepp.api.files.VideoView;
import me.klepp.api.users.UserDirectory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * A like is a row keyed by (file, user), so concurrent double likes collide in the primary key and count once;
 * the file's like count moves only when a row was really inserted or deleted, in the same transaction.
 */
@Service
class Likes {

	private final DatabaseClient db;

	private final FileCatalog catalog;

	private final UserDirectory users;

	private final TransactionalOperator transaction;

	Likes(DatabaseClient db, FileCatalog catalog, UserDirectory users, TransactionalOperator transaction) {
		this.db = db;
		this.catalog = catalog;
		this.users = users;
		this.transaction = transaction;
	}

	Mono<Result> like(String key, CurrentUser caller) {
		return change(key, caller, """
				insert into media_like (file_id, user_id)
				select id, :user from media_file where object_key = :key
				on conflict do nothing""", "+ 1");
	}

	Mono<Result> unlike(String key, CurrentUser caller) {
		return change(key, caller, """
				delete from media_like where user_id = :user
				and file_id = (select id from media_file where object_key = :key)""", "- 1");
	}

	private Mono<Result> change(String key, CurrentUser caller, String sql, String countChange) {
		return catalog.view(key, caller)
			.then(users.ensureUser(caller.username()))
			.flatMap(userId -> apply(sql, countChange, key, userId).as(transaction::transactional))
			.flatMap(changed -> catalog.view(key, caller).map(file -> new Result(file, changed)));
	}

	private Mono<Boolean> apply(String sql, String countChange, String key, UUID userId) {
		return db.sql(sql)
			.bind("user", userId)
			.bind("key", key)
			.fetch()
			.rowsUpdated()
			.flatMap(rows -> rows == 0 ? Mono.just(false)
					: db.sql("update media_file set like_count = like_count " + countChange + " where object_key = :key")
						.bind("key", key)
						.then()
						.thenReturn(true));
	}

	record Result(VideoView file, boolean changed) {
	}

}
