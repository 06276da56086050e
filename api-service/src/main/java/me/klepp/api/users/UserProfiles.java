package me.klepp.api.users;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.r2dbc.spi.Readable;
import me.klepp.api.problems.Problems;
import me.klepp.api.storage.MediaUrls;
import me.klepp.api.web.RequestBaseUrl;
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
		Mono<List<Function<String, UserProfile>>> users = db.sql("select u.name, u.avatar_key, " + counts()
				+ " from app_user u order by lower(u.name) limit :limit offset :offset")
			.bind("limit", limit)
			.bind("offset", offset)
			.map(this::profile)
			.all()
			.collectList();
		return Mono.zip(total, withUrls(users)).map(t -> new UserPage(t.getT1(), t.getT2()));
	}

	Mono<UserProfile> profile(String name) {
		return db.sql("select u.name, u.avatar_key, " + counts() + " from app_user u where lower(u.name) = lower(:name)")
			.bind("name", name)
			.map(this::profile)
			.one()
			.as(UserProfiles::withUrl)
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

	/** A profile whose picture's URL is made once the API's base URL is known (from the request). */
	private Function<String, UserProfile> profile(Readable row) {
		String name = row.get("name", String.class);
		String avatarKey = row.get("avatar_key", String.class);
		long clips = row.get("clip_count", Long.class);
		long likes = ((Number) row.get("likes_received")).longValue();
		return apiBase -> new UserProfile(name, urls.avatar(name, avatarKey, apiBase), clips, likes);
	}

	private static Mono<UserProfile> withUrl(Mono<Function<String, UserProfile>> profile) {
		return Mono.deferContextual(context -> profile.map(p -> p.apply(RequestBaseUrl.of(context))));
	}

	private static Mono<List<UserProfile>> withUrls(Mono<List<Function<String, UserProfile>>> profiles) {
		return Mono.deferContextual(context -> profiles
			.map(list -> list.stream().map(p -> p.apply(RequestBaseUrl.of(context))).toList()));
	}

	record UserProfile(String name, @JsonProperty("thumbnail_uri") String thumbnailUri,
			@JsonProperty("clip_count") long clipCount, @JsonProperty("likes_received") long likesReceived) {
	}

	record UserSummary(String name, @JsonProperty("thumbnail_uri") String thumbnailUri) {
	}

	record UserPage(@JsonProperty("total_count") long totalCount, List<UserProfile> response) {
	}

}
