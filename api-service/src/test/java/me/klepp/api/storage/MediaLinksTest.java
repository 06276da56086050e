package me.klepp.api.storage;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import me.klepp.api.support.ApiIntegrationTest;
import me.klepp.api.support.Catalog;
import me.klepp.devstack.Devstack;
import me.klepp.devstack.KleppResources;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

import static org.assertj.core.api.Assertions.assertThat;

/** A file's uri works in a plain browser request, ends with its key, and hides hidden files from strangers. */
class MediaLinksTest extends ApiIntegrationTest {

	final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

	@Test
	void aPublicFilesUriEndsWithItsKeyNeverExpiresAndPlays() throws Exception {
		String alice = Catalog.uniqueUser("alice");
		String key = catalog.file(alice, "public").save();
		Devstack.shared().s3Client().putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(key),
				RequestBody.fromString("the video"));

		var file = json(api.anonymous().get().uri("/api/v2/files/" + key).exchange().expectBody().returnResult()
			.getResponseBody());

		assertThat(file.get("uri").asString()).endsWith(key);
		assertThat(file.get("expire_at").isNull()).isTrue();
		assertThat(get(file.get("uri").asString()).body()).isEqualTo("the video");
	}

	@Test
	void aHiddenFileIsReachableOnlyThroughTheSignedLinkItsOwnerGets() throws Exception {
		String alice = Catalog.uniqueUser("alice");
		String key = catalog.file(alice, "secret").hidden().save();
		Devstack.shared().s3Client().putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(key),
				RequestBody.fromString("secret video"));

		var file = json(api.as(alice).get().uri("/api/v2/files/" + key).exchange().expectBody().returnResult()
			.getResponseBody());
		String signed = file.get("uri").asString();

		assertThat(signed).contains("/media-signed/").endsWith(key);
		assertThat(file.get("expire_at").isNull()).isFalse();
		assertThat(get(signed).body()).isEqualTo("secret video");
		assertThat(get("http://127.0.0.1:" + port + "/media/" + key).statusCode()).isEqualTo(404);
		String tampered = signed.replaceFirst("/media-signed/(\\d+)/[^/]+/", "/media-signed/$1/AAAA/");
		assertThat(get(tampered).statusCode()).isEqualTo(403);
		String extended = signed.replaceFirst("/media-signed/(\\d+)/", "/media-signed/9999999999/");
		assertThat(get(extended).statusCode()).isEqualTo(403);
	}

	private HttpResponse<String> get(String uri) throws Exception {
		return browser.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
	}

}
