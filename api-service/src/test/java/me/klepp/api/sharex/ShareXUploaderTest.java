package me.klepp.api.sharex;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import me.klepp.api.support.ApiIntegrationTest;
import me.klepp.api.support.Catalog;
import me.klepp.devstack.Devstack;
import me.klepp.devstack.KleppResources;
import me.klepp.devstack.media.SampleMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import software.amazon.awssdk.core.sync.RequestBody;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** ShareX as it behaves: imports the served .sxcu, POSTs with it, then opens the URLs it parsed. */
class ShareXUploaderTest extends ApiIntegrationTest {

	final HttpClient sharex = HttpClient.newHttpClient();

	final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

	@Test
	void anUploadMadeFromTheServedSxcuCanBeOpenedThumbnailedAndDeleted(@TempDir Path dir) throws Exception {
		String alice = Catalog.uniqueUser("alice");
		JsonNode sxcu = json(api.as(alice).get().uri("/api/v2/me/sharex").exchange().expectStatus().isOk()
			.expectHeader().valueMatches("Content-Disposition", "attachment; filename=\"klepp.sxcu\"")
			.expectBody().returnResult().getResponseBody());
		assertThat(sxcu.get("Version").asString()).isEqualTo(ShareXConfigs.VERSION);
		assertThat(sxcu.get("DestinationType").asString()).contains("FileUploader");
		assertThat(sxcu.get("Body").asString()).isEqualTo("MultipartFormData");
		assertThat(sxcu.get("ErrorMessage").asString()).isEqualTo("{json:detail}");

		byte[] png = Files.readAllBytes(SampleMedia.image(dir.resolve("ShareX_Ab12.png"), "png", 640, 360));
		HttpResponse<String> response = post(sxcu, "ShareX_Ab12.png", png);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		JsonNode result = json(response.body().getBytes(StandardCharsets.UTF_8));
		String key = result.get("path").asString();
		assertThat(key).startsWith(alice + "/").endsWith(".png");

		// (the ingestor confirms the upload when S3 announces it; here, in its place:)
		db.sql("update media_file set upload_state = 'uploaded', uploaded_at = now() where object_key = :k")
			.bind("k", key).then().block();

		// URL: the share page of the file
		var page = browser.send(HttpRequest.newBuilder(URI.create(result.get("url").asString())).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).as("nothing to embed before the worker checked it").contains("still being processed")
			.doesNotContain("og:image");

		// ThumbnailURL: 404 until the worker made one, then the thumbnail
		String thumbnailUrl = result.get("thumbnail_url").asString();
		assertThat(browser.send(HttpRequest.newBuilder(URI.create(thumbnailUrl)).build(),
				HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
		Devstack.shared().s3Client().putObject(p -> p.bucket(KleppResources.DERIVED_BUCKET).key(key + "/thumbnail.jpg")
			.contentType("image/jpeg"), RequestBody.fromString("jpeg bytes"));
		db.sql("update media_file set thumbnail_key = :t, processing_state = 'done' where object_key = :k")
			.bind("t", key + "/thumbnail.jpg").bind("k", key).then().block();
		var thumbnail = browser.send(HttpRequest.newBuilder(URI.create(thumbnailUrl)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(thumbnail.statusCode()).isEqualTo(200);
		assertThat(thumbnail.body()).isEqualTo("jpeg bytes");
		assertThat(browser.send(HttpRequest.newBuilder(URI.create(result.get("url").asString())).build(),
				HttpResponse.BodyHandlers.ofString()).body()).contains("og:image");

		// DeletionURL: opening it (a GET) only asks; the form's POST deletes
		String deletionUrl = result.get("deletion_url").asString();
		var confirm = browser.send(HttpRequest.newBuilder(URI.create(deletionUrl)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(confirm.statusCode()).isEqualTo(200);
		assertThat(confirm.body()).contains("<form method=\"post\"");
		api.anonymous().get().uri("/api/v2/files/" + key).exchange().expectStatus().isOk();

		var deleted = browser.send(HttpRequest.newBuilder(URI.create(deletionUrl))
			.POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(deleted.statusCode()).isEqualTo(200);
		api.anonymous().get().uri("/api/v2/files/" + key).exchange().expectStatus().isNotFound();

		String forged = deletionUrl.replaceFirst("/delete/[^/]+/", "/delete/forged/");
		assertThat(browser.send(HttpRequest.newBuilder(URI.create(forged)).POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(403);
	}

	@Test
	void unknownAndRevokedTokensGet401AndTokensOnlyUpload() throws Exception {
		String alice = Catalog.uniqueUser("alice");
		JsonNode sxcu = json(api.as(alice).get().uri("/api/v2/me/sharex").exchange().expectBody().returnResult()
			.getResponseBody());
		String token = sxcu.get("Headers").get("Authorization").asString().substring("Bearer ".length());

		api.withToken(token).get().uri("/api/v2/me/tokens").exchange().expectStatus().isForbidden();
		api.withToken(token).patch().uri("/api/v2/files").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"path\":\"x\"}").exchange().expectStatus().isForbidden();

		JsonNode listed = json(api.as(alice).get().uri("/api/v2/me/tokens").exchange().expectStatus().isOk()
			.expectBody().returnResult().getResponseBody());
		assertThat(listed.toString()).doesNotContain(token).doesNotContain("klepp_");
		String id = listed.get(0).get("id").asString();
		api.as(alice).delete().uri("/api/v2/me/tokens/" + id).exchange().expectStatus().isNoContent();

		byte[] png = StreamedPng.bytes();
		var revoked = post(sxcu, "a.png", png);
		assertThat(revoked.statusCode()).isEqualTo(401);
		assertThat(json(revoked.body().getBytes(StandardCharsets.UTF_8)).get("detail").asString()).isNotBlank();
		assertThat(post(sxcu.deepCopy(), "a.png", png, "Bearer klepp_" + UUID.randomUUID()).statusCode()).isEqualTo(401);
	}

	@Test
	void aNewTokenIsShownOnce() {
		String alice = Catalog.uniqueUser("alice");
		JsonNode created = json(api.as(alice).post().uri("/api/v2/me/tokens").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"laptop\"}").exchange().expectStatus().isCreated().expectBody().returnResult()
			.getResponseBody());

		assertThat(created.get("token").asString()).startsWith("klepp_").hasSize(6 + 43);
		assertThat(created.get("scopes").get(0).asString()).isEqualTo("upload");
		assertThat(db.sql("select count(*) as n from api_token where secret_hash = :s")
			.bind("s", created.get("token").asString()).map(r -> r.get("n", Long.class)).one().block())
			.as("only a hash is stored").isZero();
	}

	private HttpResponse<String> post(JsonNode sxcu, String filename, byte[] bytes) throws Exception {
		return post(sxcu, filename, bytes, sxcu.get("Headers").get("Authorization").asString());
	}

	/** The request ShareX builds from the .sxcu: RequestURL, Headers, a multipart body with FileFormName. */
	private HttpResponse<String> post(JsonNode sxcu, String filename, byte[] bytes, String authorization)
			throws Exception {
		String boundary = "----ShareXBoundary" + System.nanoTime();
		var body = new java.io.ByteArrayOutputStream();
		body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + sxcu.get("FileFormName").asString()
				+ "\"; filename=\"" + filename + "\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		body.write(bytes);
		body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		assertThat(sxcu.get("RequestMethod").asString()).isEqualTo("POST");
		return sharex.send(HttpRequest.newBuilder(URI.create(sxcu.get("RequestURL").asString()))
			.header("Authorization", authorization.replace("\\", ""))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The smallest file the upload accepts as a PNG. */
	static final class StreamedPng {

		static byte[] bytes() {
			return new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
		}

	}

}
