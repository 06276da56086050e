package me.klepp.api.share;

import me.klepp.api.support.ApiIntegrationTest;
import me.klepp.api.support.Catalog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What Discord and Slack see when a clip's link is pasted. */
class SharePageTest extends ApiIntegrationTest {

	@Test
	void aPublicClipHasOpenGraphVideoTagsWithItsRealSize() {
		String alice = Catalog.uniqueUser("alice");
		String key = catalog.file(alice, "Ace <b>on</b> \"Inferno\"").save();

		String html = page(key, 200);

		assertThat(html).contains("<meta property=\"og:type\" content=\"video.other\">")
			.contains("<meta property=\"og:video:width\" content=\"1920\">")
			.contains("<meta property=\"og:video:height\" content=\"1080\">")
			.contains("<meta property=\"og:video:type\" content=\"video/mp4\">")
			.contains("<meta name=\"twitter:card\" content=\"player\">")
			.contains("og:image")
			.contains("Ace &lt;b&gt;on&lt;/b&gt; &quot;Inferno&quot;")
			.doesNotContain("<b>on</b>");
		assertThat(html).containsPattern("og:video\" content=\"http[^\"]+/media/" + alice + "/[^\"]+\\.mp4\"");
	}

	@Test
	void aHiddenClipIsNotExposed() {
		String alice = Catalog.uniqueUser("alice");
		String key = catalog.file(alice, "secret title").hidden().save();

		String html = page(key, 404);

		assertThat(html).doesNotContain("secret title").doesNotContain("og:video");
	}

	private String page(String key, int status) {
		return api.anonymous().get().uri(b -> b.path("/").queryParam("path", key).build()).exchange()
			.expectStatus().isEqualTo(status)
			.expectHeader().contentTypeCompatibleWith("text/html")
			.expectBody(String.class).returnResult().getResponseBody();
	}

}
