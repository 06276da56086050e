package me.klepp.api.users;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Users exist from their first signed-in request on; their name is the token's user name. Users are never
 * deleted or renamed, so a user's id, once known, is remembered: an upload then costs no queries for its owner.
 */
@Component
public class UserDirectory {

	private static final int MAX_REMEMBERED = 10_000;

	private final DatabaseClient db;

	private final Map<String, UUID> ids = new ConcurrentHashMap<>();

	UserDirectory(DatabaseClient db) {
		this.db = db;
	}

	public Mono<UUID> ensureUser(String username) {
		// Keyed by the name exactly as given: PostgreSQL's lower() decides which names are the same user.
		UUID known = ids.get(username);
		if (known != null) {
			return Mono.just(known);
		}
		return insertIfAbsent(username).doOnNext(id -> {
			if (ids.size() >= MAX_REMEMBERED) {
				ids.clear();
			}
			ids.put(username, id);
		});
	}

	private Mono<UUID> insertIfAbsent(String username) {
		return db.sql("""
				insert into app_user (id, name) values (:id, :name)
				on conflict (lower(name)) do nothing""")
			.bind("id", UUID.randomUUID())
			.bind("name", username)
			.then()
			.then(db.sql("select id from app_user where lower(name) = lower(:name)")
				.bind("name", username)
				.map(row -> row.get("id", UUID.class))
				.one());
	}

}
