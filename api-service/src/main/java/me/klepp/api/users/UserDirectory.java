package me.klepp.api.users;

import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Users exist from their first signed-in request on; their name is the token's user name. */
@Component
public class UserDirectory {

	private final DatabaseClient db;

	UserDirectory(DatabaseClient db) {
		this.db = db;
	}

	public Mono<UUID> ensureUser(String username) {
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
