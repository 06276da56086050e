package me.klepp.api.storage;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

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
 * A video the rendition worker made playable (an OBS MKV, a phone's HEVC MOV) is listed in the default feed with
 * a {@code uri} ending in {@code .mp4} that serves the rendition, and {@code original_uri} the upload as it was;
 * until then it is the owner's, with its state.
 */
class PlayableRenditionsTest extends ApiIntegrationTest {

	final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

	final HttpClient noRedirects = HttpClient.newHttpClient();

	@Test
	void aVideoWithARenditionIsInTheDefaultFeedAndPlaysItThroughItsUri() throws Exception {
		String alice = Catalog.uniqueUser("alice");
		String mkv = catalog.file(alice, "obs").key(alice + "/OBS 2026-12-02 20-00 é.mkv")
			.contentType("video/x-matroska").videoCodec("hevc").rendition(1920, 1080).save();
		String waiting = catalog.file(alice, "still transcoding").key(alice + "/phone.mov")
			.contentType("video/quicktime").videoCodec("hevc").save();
		put(KleppResources.MEDIA_BUCKET, mkv, "the mkv as uploaded");
		put(KleppResources.DERIVED_BUCKET, mkv + "/playable.mp4", "the playable mp4");

		JsonNode feed = get("/api/v2/files?username=" + alice);

		assertThat(feed.get("total_count").asLong()).as("the default feed: what plays").isEqualTo(1);
		JsonNode video = feed.get("response").get(0);
		assertThat(video.get("path").asString()).isEqualTo(mkv);
		String uri = video.get("uri").asString();
		assertThat(uri).endsWith(".mp4").contains("/playable/");
		assertThat(EncodeUri.apply(uri)).isEqualTo(uri);
		assertThat(body(uri)).isEqualTo("the playable mp4");
		assertThat(body(video.get("original_uri").asString())).isEqualTo("the mkv as uploaded");
		assertThat(video.get("playback").get("state").asString()).isEqualTo("ready");
		assertThat(video.get("playback").get("width").asInt()).isEqualTo(1920);
		assertThat(video.get("playback").get("video_codec").asString()).isEqualTo("h264");
		String share = body("http://127.0.0.1:" + port + "/s/" + UrlKeys.encode(mkv));
		assertThat(share).contains("<meta property=\"og:video\" content=\"" + uri + "\"")
			.contains("<meta property=\"og:video:type\" content=\"video/mp4\"")
			.contains("<meta property=\"og:video:width\" content=\"1920\"");
		HttpResponse<String> redirect = noRedirects.send(HttpRequest.newBuilder(URI.create(uri)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(redirect.statusCode()).isEqualTo(302);
		assertThat(redirect.headers().firstValue("Cache-Control").orElseThrow()).contains("public");

		JsonNode transcoding = mine(alice, waiting);
		assertThat(transcoding.get("playback").get("state").asString()).isEqualTo("transcoding");
		assertThat(transcoding.get("playback").get("progress").isNull()).as("no progress reported yet").isTrue();
		assertThat(transcoding.get("uri").asString()).isEqualTo(transcoding.get("original_uri").asString());

		// the worker reported 40% of the current version (the ingestor's write); then of a version since overwritten
		progress(waiting, 40, "etag");
		assertThat(mine(alice, waiting).get("playback").get("progress").asInt()).isEqualTo(40);
		progress(waiting, 90, "an older version");
		assertThat(mine(alice, waiting).get("playback").get("progress").isNull()).isTrue();
	}

	private JsonNode mine(String owner, String path) {
		JsonNode mine = json(api.as(owner).get().uri("/api/v2/files?username=" + owner + "&media=video").exchange()
			.expectStatus().isOk().expectBody().returnResult().getResponseBody());
		return mine.get("response").findParents("path").stream()
			.filter(v -> v.get("path").asString().equals(path)).findFirst().orElseThrow();
	}

	private void progress(String key, int percent, String etag) {
		db.sql("update media_file set rendition_progress = :p, rendition_progress_etag = :e where object_key = :k")
			.bind("p", percent).bind("e", etag).bind("k", key).then().block();
	}

	@Test
	void aHiddenVideosRenditionIsServedOnlyThroughItsSignedLink() throws Exception {
		String bob = Catalog.uniqueUser("bob");
		String mkv = catalog.file(bob, "secret").key(bob + "/secret.mkv").contentType("video/x-matroska")
			.videoCodec("hevc").rendition(1280, 720).hidden().save();
		put(KleppResources.DERIVED_BUCKET, mkv + "/playable.mp4", "hidden playable");

		JsonNode video = json(api.as(bob).get().uri("/api/v2/files/" + mkv).exchange().expectStatus().isOk()
			.expectBody().returnResult().getResponseBody());

		String uri = video.get("uri").asString();
		assertThat(uri).contains("/playable-signed/").endsWith(".mp4");
		assertThat(video.get("expire_at").isNull()).isFalse();
		assertThat(body(uri)).isEqualTo("hidden playable");
		String unsigned = "http://127.0.0.1:" + port + "/playable/x/" + UrlKeys.encode(mkv) + ".mp4";
		assertThat(get(unsigned, browser).statusCode()).isEqualTo(404);
		String forged = uri.replaceFirst("/playable-signed/(\\d+)/[^/]+/", "/playable-signed/$1/forged/");
		assertThat(get(forged, browser).statusCode()).isEqualTo(404);
	}

	private JsonNode get(String path) {
		return json(api.anonymous().get().uri(path).exchange().expectStatus().isOk().expectBody().returnResult()
			.getResponseBody());
	}

	private String body(String url) throws Exception {
		HttpResponse<String> response = get(url, browser);
		assertThat(response.statusCode()).as(url).isEqualTo(200);
		return response.body();
	}

	private static HttpResponse<String> get(String url, HttpClient client) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private void put(String bucket, String key, String body) {
		Devstack.shared().s3Client().putObject(p -> p.bucket(bucket).key(key), RequestBody.fromString(body));
	}

}
