package me.klepp.api.storage;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import me.klepp.api.support.ApiIntegrationTest;
import me.klepp.api.support.Catalog;
import me.klepp.api.support.EncodeUri;
import me.klepp.devstack.Devstack;
import me.klepp.devstack.KleppResources;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every URL the API hands a browser loads after the published frontend's {@code encodeURI()}, whatever the key,
 * and serves only what the catalog shows the caller, as a type klepp checked.
 */
class BrowserUrlsTest extends ApiIntegrationTest {

	final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

	final HttpClient noRedirects = HttpClient.newHttpClient();

	@Test
	void everyUrlOfAPublicFileLoadsAfterEncodeUriWhateverItsKey() throws Exception {
		String alice = Catalog.uniqueUser("alice");
		List<String> keys = List.of(catalog.file(alice, "plain").save(),
				catalog.file(alice, "sharex").key(alice + "/2026 12/clip+1 100% é;x#y\\z~.mp4").save());
		for (String key : keys) {
			put(KleppResources.MEDIA_BUCKET, key, "clip " + key);
			put(KleppResources.DERIVED_BUCKET, key + "/thumbnail.jpg", "thumbnail " + key);
		}
		String avatarKey = "avatars/" + alice + "/a.jpg";
		put(KleppResources.DERIVED_BUCKET, avatarKey, "avatar of " + alice);
		db.sql("update app_user set avatar_key = :key where name = :name").bind("key", avatarKey).bind("name", alice)
			.then().block();

		JsonNode feed = json(api.anonymous().get().uri("/api/v2/files?username=" + alice + "&media=all").exchange()
			.expectStatus().isOk().expectBody().returnResult().getResponseBody());

		assertThat(feed.get("total_count").asLong()).isEqualTo(2);
		for (JsonNode file : feed.get("response")) {
			String key = file.get("path").asString();
			assertLoads(file.get("uri").asString(), "clip " + key);
			assertThat(file.get("uri").asString()).endsWith(".mp4");
			assertLoads(file.get("thumbnail_uri").asString(), "thumbnail " + key);
			assertLoads(file.get("user").get("thumbnail_uri").asString(), "avatar of " + alice);

			String share = body("http://127.0.0.1:" + port + "/?path=" + java.net.URLEncoder.encode(key,
					java.nio.charset.StandardCharsets.UTF_8));
			assertLoads(meta(share, "og:video"), "clip " + key);
			assertLoads(meta(share, "og:image"), "thumbnail " + key);
			String canonical = meta(share, "og:url");
			assertThat(EncodeUri.apply(canonical)).isEqualTo(canonical);
			assertThat(meta(body(canonical), "og:video")).isEqualTo(meta(share, "og:video"));
		}
	}

	@Test
	void aPublicThumbnailKeepsItsUrlUntilItChangesAndItsRedirectSaysHowLongToCacheIt() throws Exception {
		String alice = Catalog.uniqueUser("alice");
		String key = catalog.file(alice, "cached").save();
		put(KleppResources.DERIVED_BUCKET, key + "/thumbnail.jpg", "first");
		String first = thumbnailUri(key);

		assertThat(thumbnailUri(key)).isEqualTo(first);
		HttpResponse<String> redirect = noRedirects.send(HttpRequest.newBuilder(URI.create(first)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(redirect.statusCode()).isEqualTo(302);
		assertThat(redirect.headers().firstValue("Cache-Control").orElseThrow()).contains("public")
			.containsPattern("max-age=[1-9]");
		assertThat(redirect.headers().firstValue("Location").orElseThrow()).as("same target, so caches hold")
			.isEqualTo(noRedirects.send(HttpRequest.newBuilder(URI.create(first)).build(),
					HttpResponse.BodyHandlers.ofString()).headers().firstValue("Location").orElseThrow());

		db.sql("update media_file set processed_at = now() where object_key = :key").bind("key", key).then().block();
		assertThat(thumbnailUri(key)).as("a regenerated thumbnail gets a new URL").isNotEqualTo(first);
	}

	@Test
	void aHiddenFilesThumbnailHasAnExpiringSignedLinkOnly() throws Exception {
		String alice = Catalog.uniqueUser("alice");
		String key = catalog.file(alice, "secret").hidden().save();
		put(KleppResources.DERIVED_BUCKET, key + "/thumbnail.jpg", "secret thumbnail");
		JsonNode file = json(api.as(alice).get().uri("/api/v2/files/" + key).exchange().expectStatus().isOk()
			.expectBody().returnResult().getResponseBody());
		String signed = file.get("thumbnail_uri").asString();

		assertThat(signed).contains("exp=", "sig=");
		assertLoads(signed, "secret thumbnail");
		assertThat(status(signed.substring(0, signed.indexOf('?')))).isEqualTo(404);
		assertThat(status(signed.replaceFirst("sig=[^&]+", "sig=AAAA"))).isEqualTo(404);
		assertThat(status(signed.replaceFirst("exp=\\d+", "exp=9999999999"))).isEqualTo(404);
	}

	@Test
	void objectsTheCatalogDoesNotShowAreNeverServed() throws Exception {
		String stranger = Catalog.uniqueUser("stranger");
		String unknown = stranger + "/free-hosting.mp4";
		put(KleppResources.MEDIA_BUCKET, unknown, "not a klepp file");
		put(KleppResources.DERIVED_BUCKET, unknown + "/thumbnail.jpg", "not a klepp thumbnail");
		String unclaimed = "no-owner.mp4";
		put(KleppResources.MEDIA_BUCKET, unclaimed, "unclaimed");
		db.sql("""
				insert into media_file (id, object_key, owner_id, unclaimed_owner, display_name, content_type,
				    media_kind, upload_state, processing_state, thumbnail_key)
				values (gen_random_uuid(), :key, null, 'nobody', 'x', 'video/mp4', 'video', 'uploaded', 'done', :thumb)""")
			.bind("key", unclaimed).bind("thumb", unclaimed + "/thumbnail.jpg").then().block();

		for (String key : List.of(unknown, unclaimed)) {
			assertThat(status(base() + "/media/" + UrlKeys.encode(key))).as(key).isEqualTo(404);
			assertThat(status(base() + "/thumbnails/" + UrlKeys.encode(key))).as(key).isEqualTo(404);
			assertThat(status(base() + "/posters/" + UrlKeys.encode(key))).as(key).isEqualTo(404);
		}
	}

	@Test
	void aFileIsServedAsItsTypeOnlyOnceTheWorkerConfirmedIt() throws Exception {
		String alice = Catalog.uniqueUser("alice");
		String confirmed = catalog.file(alice, "clip").save();
		String failed = catalog.file(alice, "not really a png").image().contentType("image/svg+xml").failed().save();
		for (String key : List.of(confirmed, failed)) {
			put(KleppResources.MEDIA_BUCKET, key, "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>");
		}

		HttpResponse<String> clip = get(base() + "/media/" + confirmed);
		HttpResponse<String> svg = get(base() + "/media/" + failed);

		assertThat(clip.headers().firstValue("Content-Type")).contains("video/mp4");
		assertThat(svg.headers().firstValue("Content-Type")).contains("application/octet-stream");
		assertThat(svg.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment");
		HttpResponse<String> redirect = noRedirects.send(
				HttpRequest.newBuilder(URI.create(base() + "/media/" + failed)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(redirect.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
		assertThat(redirect.headers().firstValue("Location").orElseThrow())
			.contains("response-content-type=application%2Foctet-stream", "response-content-disposition=attachment");
	}

	private String thumbnailUri(String key) {
		return json(api.anonymous().get().uri("/api/v2/files/" + key).exchange().expectStatus().isOk().expectBody()
			.returnResult().getResponseBody()).get("thumbnail_uri").asString();
	}

	/** Loads the URL as the frontend hands it to the browser: through {@code encodeURI()}, which changes nothing. */
	private void assertLoads(String url, String expectedBody) throws Exception {
		assertThat(EncodeUri.apply(url)).as("encodeURI leaves it alone").isEqualTo(url);
		HttpResponse<String> response = get(EncodeUri.apply(url));
		assertThat(response.statusCode()).as(url).isEqualTo(200);
		assertThat(response.body()).as(url).isEqualTo(expectedBody);
	}

	private void put(String bucket, String key, String body) {
		Devstack.shared().s3Client().putObject(p -> p.bucket(bucket).key(key), RequestBody.fromString(body));
	}

	private String base() {
		return "http://127.0.0.1:" + port;
	}

	private int status(String url) throws Exception {
		return get(url).statusCode();
	}

	private String body(String url) throws Exception {
		HttpResponse<String> response = get(url);
		assertThat(response.statusCode()).as(url).isEqualTo(200);
		return response.body();
	}

	private HttpResponse<String> get(String url) throws Exception {
		return browser.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String meta(String html, String property) {
		Matcher m = Pattern.compile("<meta property=\"" + Pattern.quote(property) + "\" content=\"([^\"]*)\"").matcher(html);
		assertThat(m.find()).as(property + " in " + html).isTrue();
		return org.springframework.web.util.HtmlUtils.htmlUnescape(m.group(1));
	}

}
