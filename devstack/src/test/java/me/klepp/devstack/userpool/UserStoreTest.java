package me.klepp.devstack.userpool;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The local run's users and sessions survive a restart; names are unique regardless of case. */
class UserStoreTest {

	final Clock clock = Clock.fixed(Instant.parse("2026-12-02T08:00:00Z"), ZoneOffset.UTC);

	@Test
	void usersAndLiveRefreshTokensAreThereAfterARestart(@TempDir Path dir) {
		Path file = dir.resolve("user-pool/users.json");
		UserStore before = new UserStore(file, clock);
		PoolUser carol = new PoolUser("Carol", "sub-1", "carol@example.com", false, List.of("admin"), "0", "0",
				"123456", null).withPassword(Srp.verifier("klepp", "Carol", "carol-password"));
		before.add(carol);
		long now = clock.instant().getEpochSecond();
		before.addRefreshToken("live", new RefreshGrant("Carol", "klepp-web", "origin-1", now, now + 3600));
		before.addRefreshToken("gone", new RefreshGrant("Carol", "klepp-web", "origin-2", now, now + 3600));
		before.revokeRefreshToken("gone");

		UserStore after = new UserStore(file, clock);

		assertThat(after.find("carol")).hasValue(carol);
		assertThat(after.refreshToken("live")).isPresent();
		assertThat(after.signInLive("origin-1")).isTrue();
		assertThat(after.refreshToken("gone")).isEmpty();
		assertThat(after.signInLive("origin-2")).isFalse();
		assertThat(after.add(new PoolUser("CAROL", "sub-2", null, true, List.of(), "0", "0", null, null))).isFalse();
	}

	@Test
	void expiredRefreshTokensNoLongerRefresh() {
		UserStore store = new UserStore(null, clock);
		long now = clock.instant().getEpochSecond();
		store.addRefreshToken("old", new RefreshGrant("bob", "klepp-web", "origin", now - 7200,
				now - Duration.ofMinutes(1).toSeconds()));

		assertThat(store.refreshToken("old")).isEmpty();
		assertThat(store.signInLive("origin")).isFalse();
	}

}
