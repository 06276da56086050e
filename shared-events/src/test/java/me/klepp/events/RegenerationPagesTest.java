package me.klepp.events;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A bulk regeneration pages through the bucket: each page becomes a request per object and one for the next. */
class RegenerationPagesTest {

	private final MediaRegenerationRequestedV1 bulk = MediaRegenerationRequestedV1.all("klepp-media", "alice/", "why");

	@Test
	void aPageWithMoreToComeAsksForEachObjectThenForTheNextPage() {
		List<MediaRegenerationRequestedV1> requests = bulk.page(List.of("alice/a.mp4", "alice/clips/", "alice/b.mkv"),
				true);

		assertThat(requests).containsExactly(MediaRegenerationRequestedV1.one("klepp-media", "alice/a.mp4", "why"),
				MediaRegenerationRequestedV1.one("klepp-media", "alice/b.mkv", "why"),
				new MediaRegenerationRequestedV1("klepp-media", null, "alice/", "alice/b.mkv", "why"));
	}

	@Test
	void theLastPageAsksForNoMoreAndOneKeyHasNoPages() {
		assertThat(bulk.page(List.of("alice/a.mp4"), false)).extracting(MediaRegenerationRequestedV1::key)
			.containsExactly("alice/a.mp4");
		assertThat(bulk.page(List.of(), false)).isEmpty();
		assertThatThrownBy(() -> MediaRegenerationRequestedV1.one("klepp-media", "k", "why").page(List.of(), false))
			.isInstanceOf(IllegalStateException.class);
	}

}
