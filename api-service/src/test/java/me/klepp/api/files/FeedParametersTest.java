package me.klepp.api.files;

import java.util.List;
import java.util.UUID;

import me.klepp.api.auth.CurrentUser;
import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The feed's parameters alone: what is accepted, and what is refused before any SQL exists. */
class FeedParametersTest {

	@Test
	void sortKeysAreWhitelistedAndCarryTheirDirection() {
		assertThat(FeedSort.Order.parse(null)).isEqualTo(FeedSort.Order.DEFAULT);
		assertThat(FeedSort.Order.parse("-likes")).isEqualTo(new FeedSort.Order(FeedSort.LIKES, true));
		assertThat(FeedSort.Order.parse("Duration")).isEqualTo(new FeedSort.Order(FeedSort.DURATION, false));
		for (String bad : List.of("password", "likes desc", "-", "uploaded_at;drop table media_file", "--likes")) {
			assertThatThrownBy(() -> FeedSort.Order.parse(bad)).isInstanceOf(ErrorResponseException.class)
				.hasMessageContaining("400");
		}
	}

	@Test
	void aCursorRoundTripsAndRefusesTamperingOrAnotherSort() {
		var order = new FeedSort.Order(FeedSort.SIZE, true);
		UUID id = UUID.randomUUID();
		String cursor = FeedCursor.encode(order, "1234", id);

		assertThat(FeedCursor.decode(cursor, order)).isEqualTo(new FeedCursor("-size", "1234", id));
		assertThatThrownBy(() -> FeedCursor.decode(cursor, FeedSort.Order.DEFAULT)).isInstanceOf(ErrorResponseException.class);
		assertThatThrownBy(() -> FeedCursor.decode("x" + cursor, order)).isInstanceOf(ErrorResponseException.class);
		assertThatThrownBy(() -> FeedCursor.decode("%%%", order)).isInstanceOf(ErrorResponseException.class);
	}

	@Test
	void likedByMeNeedsACallerAndTagsAreNormalisedAndBounded() {
		assertThatThrownBy(() -> FeedQuery.of(null, null, null, null, null, null, "me", null, null, 0, 10, null))
			.isInstanceOf(ErrorResponseException.class).hasMessageContaining("401");
		var query = FeedQuery.of(new CurrentUser("a", false), null, null, List.of(" Rocket  League ", "rocket league"),
				"all", null, "me", "video", "-likes", 0, 10, null);
		assertThat(query.tags()).containsExactly("rocket league");
		assertThat(query.allTags()).isTrue();
		List<String> tooMany = java.util.stream.IntStream.range(0, 21).mapToObj(i -> "t" + i).toList();
		assertThatThrownBy(() -> FeedQuery.of(null, null, null, tooMany, null, null, null, null, null, 0, 10, null))
			.isInstanceOf(ErrorResponseException.class);
	}

}
