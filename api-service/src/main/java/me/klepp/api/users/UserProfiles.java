package me.klepp.api.users;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.r2dbc.spi.Readable;
import me.klepp.api.problems.Problems;
import me.klepp.api.storage.MediaUrls;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Who is here: names, pictures, public clip counts and likes received. */
@Service
class UserProfiles {

	private static final String PUBLIC_FILES = "f.owner_id = u.id and f.upload_state = 'uploaded' and not f.hidden";

	private final DatabaseClient db;

	private final MediaUrls urls;

	UserProfiles(DatabaseClient db, MediaUrls urls) {
		this.db = db;
		this.urls = urls;
	}

	Mono<UserPage> page(int offset, int limit) {
		Mono<Long> total = db.sql("select count(*) as total from app_user").map(row -> row.get("total", Long.class)).one();
		Mono<List<UserProfile>> users = db.sql("select u.name, u.avatar_key, " + counts()
				+ " from app_user u order by lower(u.name) limit :limit offset :offset")
			.bind("limit", limit)
			.bind("offset", offset)
			.map(this::profile)
			.all()
			.collectList();
		return Mono.zip(total, users).map(t -> new UserPage(t.getT1(), t.getT2()));
	}

	Mono<UserProfile> profile(String name) {
		return db.sql("select u.name, u.avatar_key, " + counts() + " from app_user u where lower(u.name) = lower(:name)")
			.bind("name", name)
			.map(this::profile)
			.one()
			.switchIfEmpty(Mono.error(() -> Problems.notFound("no user named " + name)));
	}

	Mono<UserSummary> summary(String name) {
		return profile(name).map(p -> new UserSummary(p.name(), p.thumbnailUri()));
	}

	private static String counts() {
		return "(select count(*) from media_file f where " + PUBLIC_FILES + ") as clip_count, "
				+ "(select coalesce(sum(f.like_count), 0) from media_file f where " + PUBLIC_FILES
				+ ") as likes_received";
	}

	private UserProfile profile(Readable row) {
		var avatar = urls.derived(row.get("avatar_key", String.class));
		return new UserProfile(row.get("name", String.class), avatar == null ? null : avatar.url(),
				row.get("clip_count", Long.class), ((Number) row.get("likes_received")).longValue());
	}

	record UserProfile(String name, @JsonProperty("thumbnail_uri") String thumbnailUri,
			@JsonProperty("clip_count") long clipCount, @JsonProperty("likes_received") long likesReceived) {
	}

	record UserSummary(String name, @JsonProperty("thumbnail_uri") String thumbnailUri) {
	}

	record UserPage(@JsonProperty("total_count") long totalCount, List<UserProfile> response) {
	}

}
