package me.klepp.api.storage;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import me.klepp.api.support.ApiIntegrationTest;
import me.klepp.api.support.Catalog;
import me.klepp.api.support.RawHttp;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static me.klepp.api.support.ProblemAssertions.assertValidProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys may hold {@code %}, {@code ;} and {@code \} (ShareX and direct uploads choose any key): every route that
 * takes a key finds the file, while an encoded slash and dot segments are still refused.
 */
class KeysWithReservedCharactersTest extends ApiIntegrationTest {

	@Test
	void keysWithPercentSemicolonAndBackslashWorkOnEveryRouteThatTakesAKey() throws Exception {
		String alice = Catalog.uniqueUser("alice");
		String key = rekey(catalog.file(alice, "odd key").save(), alice + "/100%;\\x.mp4");
		String encoded = alice + "/100%25%3B%5Cx.mp4";

		for (String path : new String[] { encoded, alice + "/100%25;%5Cx.mp4" }) {
			api.anonymous().get().uri(URI.create("http://127.0.0.1:" + port + "/api/v2/files/" + path)).exchange()
				.expectStatus().isOk().expectBody().jsonPath("$.path").isEqualTo(key);
		}
		assertThat(RawHttp.get(port, "/?path=" + URLEncoder.encode(key, StandardCharsets.UTF_8)).body())
			.contains("og:video").contains("odd key");
		assertThat(RawHttp.get(port, "/media/" + encoded).status()).isEqualTo(302);
		assertThat(RawHttp.get(port, "/thumbnails/" + encoded).status()).isEqualTo(302);
	}

	@Test
	void aHiddenFilesSignedLinkWorksForSuchAKey() throws Exception {
		String alice = Catalog.uniqueUser("alice");
		String key = rekey(catalog.file(alice, "odd secret").hidden().save(), alice + "/50%;\\y.mp4");
		String signed = json(api.as(alice).get()
			.uri(URI.create("http://127.0.0.1:" + port + "/api/v2/files/" + alice + "/50%25%3B%5Cy.mp4"))
			.exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody()).get("uri").asString();

		var response = RawHttp.get(port, URI.create(signed).getRawPath());

		assertThat(response.status()).as(signed).isEqualTo(302);
		assertThat(RawHttp.get(port, "/media/" + alice + "/50%25%3B%5Cy.mp4").status()).isEqualTo(404);
	}

	@Test
	void anEncodedSlashAndDotSegmentsAreStillRefusedWithAProblemDetail() throws Exception {
		for (String target : new String[] { "/media/alice%2Fx.mp4", "/media/alice/%252F/../x.mp4",
				"/api/v2/files/alice/..%5C../x.mp4/..", "/thumbnails/alice/%2e%2e/x.mp4" }) {
			var response = RawHttp.get(port, target);
			assertThat(response.status()).as(target).isEqualTo(400);
			assertThat(response.header("Content-Type")).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			assertValidProblem(json(response.body().getBytes()), 400);
		}
	}

	private String rekey(String key, String newKey) {
		db.sql("update media_file set object_key = :new, thumbnail_key = :thumb where object_key = :old")
			.bind("new", newKey)
			.bind("thumb", newKey + "/thumbnail.jpg")
			.bind("old", key)
			.then()
			.block();
		return newKey;
	}

}
