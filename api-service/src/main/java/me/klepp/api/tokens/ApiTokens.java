package me.klepp.api.tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import me.klepp.api.problems.Problems;
import me.klepp.api.users.UserDirectory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Personal API tokens: {@code klepp_} and 43 random base64url characters (256 bits), so a plain SHA-256 is
 * enough to store them (no guessable input to brute-force). Scoped to uploading.
 */
@Service
public class ApiTokens {

	public static final String PREFIX = "klepp_";

	public static final String UPLOAD_SCOPE = "upload";

	private static final int MAX_ACTIVE_PER_USER = 50;

	private final SecureRandom random = new SecureRandom();

	private final DatabaseClient db;

	private final UserDirectory users;

	ApiTokens(DatabaseClient db, UserDirectory users) {
		this.db = db;
		this.users = users;
	}

	public Mono<NewToken> create(String username, String name) {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		String secret = PREFIX + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		UUID id = UUID.randomUUID();
		return users.ensureUser(username)
			.flatMap(userId -> db.sql("select count(*) as n from api_token where user_id = :user and revoked_at is null")
				.bind("user", userId)
				.map(row -> row.get("n", Long.class))
				.one()
				.flatMap(active -> active >= MAX_ACTIVE_PER_USER
						? Mono.error(Problems.of(org.springframework.http.HttpStatus.CONFLICT,
								"you have " + active + " active tokens; revoke some first"))
						: db.sql("""
								insert into api_token (id, user_id, name, secret_hash, scope)
								values (:id, :user, :name, :hash, :scope) returning created_at""")
							.bind("id", id)
							.bind("user", userId)
							.bind("name", name)
							.bind("hash", hash(secret))
							.bind("scope", UPLOAD_SCOPE)
							.map(row -> row.get("created_at", OffsetDateTime.class))
							.one()))
			.map(created -> new NewToken(id, name, secret, List.of(UPLOAD_SCOPE), created));
	}

	Mono<List<TokenView>> list(String username) {
		return db.sql("""
				select t.id, t.name, t.scope, t.created_at, t.last_used_at from api_token t
				join app_user u on u.id = t.user_id
				where lower(u.name) = lower(:name) and t.revoked_at is null order by t.created_at desc""")
			.bind("name", username)
			.map(row -> new TokenView(row.get("id", UUID.class), row.get("name", String.class),
					List.of(row.get("scope", String.class)), row.get("created_at", OffsetDateTime.class),
					row.get("last_used_at", OffsetDateTime.class)))
			.all()
			.collectList();
	}

	Mono<Void> revoke(String username, UUID id) {
		return db.sql("""
				update api_token set revoked_at = now()
				where id = :id and revoked_at is null
				  and user_id = (select id from app_user where lower(name) = lower(:name))""")
			.bind("id", id)
			.bind("name", username)
			.fetch()
			.rowsUpdated()
			.flatMap(rows -> rows == 0 ? Mono.error(Problems.notFound("no active token " + id)) : Mono.empty());
	}

	/** The owner and scope of an active token, or empty; records its use. */
	public Mono<TokenOwner> authenticate(String secret) {
		if (secret == null || !secret.startsWith(PREFIX)) {
			return Mono.empty();
		}
		return db.sql("""
				update api_token t set last_used_at = now()
				from app_user u
				where t.secret_hash = :hash and t.revoked_at is null and u.id = t.user_id
				returning u.name, t.scope""")
			.bind("hash", hash(secret))
			.map(row -> new TokenOwner(row.get("name", String.class), row.get("scope", String.class)))
			.one();
	}

	private static String hash(String secret) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	public record TokenOwner(String username, String scope) {
	}

	/** Shown once: the only time the secret leaves the server. */
	public record NewToken(UUID id, String name, String token, List<String> scopes,
			@JsonProperty("created_at") OffsetDateTime createdAt) {
	}

	record TokenView(UUID id, String name, List<String> scopes, @JsonProperty("created_at") OffsetDateTime createdAt,
			@JsonProperty("last_used_at") OffsetDateTime lastUsedAt) {
	}

}
