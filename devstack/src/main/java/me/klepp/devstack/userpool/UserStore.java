package me.klepp.devstack.userpool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

/**
 * The pool's users and live refresh tokens, in memory and, for the local run, in a small JSON file so that
 * sign-ups and sessions survive a restart. User names are unique regardless of case, as in a Cognito pool.
 */
final class UserStore {

	private final Path file;

	private final Clock clock;

	private final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, PoolUser> users = new LinkedHashMap<>();

	private final Map<String, RefreshGrant> refreshTokens = new LinkedHashMap<>();

	/** @param file where to keep the users, or {@code null} for memory only */
	UserStore(Path file, Clock clock) {
		this.file = file;
		this.clock = clock;
		if (file != null && Files.isRegularFile(file)) {
			Contents contents = json.readValue(file.toFile(), Contents.class);
			contents.users().forEach(user -> users.put(key(user.username()), user));
			refreshTokens.putAll(contents.refreshTokens());
		}
	}

	synchronized Optional<PoolUser> find(String username) {
		return Optional.ofNullable(users.get(key(username)));
	}

	/** Adds a new user; {@code false} when the name is taken. */
	synchronized boolean add(PoolUser user) {
		if (users.putIfAbsent(key(user.username()), user) != null) {
			return false;
		}
		save();
		return true;
	}

	synchronized void update(PoolUser user) {
		users.put(key(user.username()), user);
		save();
	}

	synchronized void addRefreshToken(String tokenHash, RefreshGrant grant) {
		refreshTokens.put(tokenHash, grant);
		save();
	}

	/** The live grant of a refresh token (by hash), if it was issued, not revoked and not expired. */
	synchronized Optional<RefreshGrant> refreshToken(String tokenHash) {
		RefreshGrant grant = refreshTokens.get(tokenHash);
		return grant == null || grant.expiresAt() <= now() ? Optional.empty() : Optional.of(grant);
	}

	synchronized boolean revokeRefreshToken(String tokenHash) {
		boolean removed = refreshTokens.remove(tokenHash) != null;
		if (removed) {
			save();
		}
		return removed;
	}

	/** Whether the sign-in that issued tokens with this {@code origin_jti} still stands (was not signed out). */
	synchronized boolean signInLive(String originJti) {
		long now = now();
		return refreshTokens.values().stream().anyMatch(g -> g.originJti().equals(originJti) && g.expiresAt() > now);
	}

	private void save() {
		if (file == null) {
			return;
		}
		long now = now();
		refreshTokens.values().removeIf(grant -> grant.expiresAt() <= now);
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			Path written = file.resolveSibling(file.getFileName() + ".tmp");
			json.writerWithDefaultPrettyPrinter()
				.writeValue(written.toFile(), new Contents(new ArrayList<>(users.values()), refreshTokens));
			Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot write the local user pool to " + file, e);
		}
	}

	private long now() {
		return clock.instant().getEpochSecond();
	}

	private static String key(String username) {
		return username.toLowerCase(Locale.ROOT);
	}

	/** The store file's layout. */
	record Contents(List<PoolUser> users, Map<String, RefreshGrant> refreshTokens) {

		Contents {
			users = users == null ? List.of() : users;
			refreshTokens = refreshTokens == null ? Map.of() : refreshTokens;
		}

	}

}
