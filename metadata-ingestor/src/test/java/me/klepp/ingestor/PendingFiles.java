package me.klepp.ingestor;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Catalog rows as the API leaves them when it hands out a presigned upload: a new user's pending clip. */
final class PendingFiles {

	private PendingFiles() {
	}

	/** @return the key of a pending 4096-byte {@code video/mp4} of a new user, not yet in the bucket */
	static String create(JdbcClient jdbc) {
		UUID owner = UUID.randomUUID();
		String name = "user-" + owner;
		jdbc.sql("insert into app_user (id, name) values (:id, :name)").param("id", owner).param("name", name).update();
		String key = name + "/" + UUID.randomUUID() + ".mp4";
		jdbc.sql("""
				insert into media_file (id, object_key, owner_id, display_name, content_type, media_kind, declared_size)
				values (:id, :key, :owner, 'clip', 'video/mp4', 'video', 4096)""")
			.param("id", UUID.randomUUID())
			.param("key", key)
			.param("owner", owner)
			.update();
		return key;
	}

}
