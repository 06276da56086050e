package me.klepp.local;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import me.klepp.devstack.Devstack;
import me.klepp.devstack.KleppResources;
import me.klepp.devstack.media.SampleMedia;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * ShareX both ways, through the whole system: straight into the bucket under a ShareX-style key, and through the
 * served custom uploader. Logs are structured JSON here, as in production, and one file is followed through them.
 */
@ExtendWith(OutputCaptureExtension.class)
class ShareXEndToEndTest {

	static Devstack stack;

	static KleppSystem system;

	final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

	final JsonMapper json = JsonMapper.builder().build();

	@BeforeAll
	static void start() {
		stack = Devstack.shared();
		system = KleppSystem.startForTests(stack, "--logging.structured.format.console=ecs");
	}

	@AfterAll
	static void stop() {
		if (system != null) {
			system.close();
		}
	}

	@Test
	void aShareXUploadStraightToTheBucketAppearsInTheFeedWithItsThumbnail(@TempDir Path dir) throws Exception {
		String user = "sharex-" + UUID.randomUUID().toString().substring(0, 6);
		api("/api/v2/me/tokens", user);
		String key = user + "/2026/01/ShareX Ab+Cd é.png";
		Path png = SampleMedia.image(dir.resolve("shot.png"), "png", 1280, 720);

		stack.s3Client().putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(key).contentType("image/png"), png);

		JsonNode listed = await().atMost(Duration.ofSeconds(60)).until(() -> feedItem(user, key),
				item -> item != null && !item.get("thumbnail_uri").isNull());
		assertThat(listed.get("display_name").asString()).isEqualTo("ShareX Ab+Cd é");
		assertThat(listed.get("user").get("name").asString()).isEqualTo(user);
		assertThat(listed.get("media").get("width").asInt()).isEqualTo(1280);
		var thumbnail = browser.send(HttpRequest.newBuilder(URI.create(listed.get("thumbnail_uri").asString())).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(thumbnail.statusCode()).isEqualTo(200);
		var original = browser.send(HttpRequest.newBuilder(URI.create(listed.get("uri").asString())).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(original.body()).isEqualTo(Files.readAllBytes(png));

		stack.s3Client().deleteObject(d -> d.bucket(KleppResources.MEDIA_BUCKET).key(key));
		await().atMost(Duration.ofSeconds(30)).until(() -> feedItem(user, key) == null);
	}

	@Test
	void theServedCustomUploaderUploadsAndItsUrlsWork(@TempDir Path dir, CapturedOutput output) throws Exception {
		String user = "sxcu-" + UUID.randomUUID().toString().substring(0, 6);
		JsonNode sxcu = json.readTree(api("/api/v2/me/sharex", user));
		byte[] clip = Files.readAllBytes(SampleMedia.clip(dir.resolve("c.mp4"), "mp4", "mpeg4", 320, 240, 2.0, 25));

		var response = browser.send(multipart(sxcu, "ShareX_Xy12.mp4", clip), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		JsonNode result = json.readTree(response.body());
		String key = result.get("path").asString();

		await().atMost(Duration.ofSeconds(60)).until(() -> browser.send(HttpRequest.newBuilder(
				URI.create(result.get("thumbnail_url").asString())).build(), HttpResponse.BodyHandlers.discarding())
			.statusCode() == 200);
		var page = browser.send(HttpRequest.newBuilder(URI.create(result.get("url").asString())).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.body()).contains("og:video:width\" content=\"320\"");
		var confirm = browser.send(HttpRequest.newBuilder(URI.create(result.get("deletion_url").asString())).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(confirm.body()).contains("method=\"post\"");
		assertThat(feedItem(user, key)).as("a GET on the deletion URL deletes nothing").isNotNull();

		// One file, followed through the JSON logs of all three services by its key.
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			var lines = output.getOut().lines().filter(line -> line.startsWith("{") && line.contains(key)).toList();
			// In one JVM the services share one logging system; their loggers tell them apart.
			assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"logger\":\"me.klepp.api."));
			assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"logger\":\"me.klepp.ingestor."));
			assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"logger\":\"me.klepp.thumbnail."));
			assertThat(lines).filteredOn(line -> line.contains("\"logger\":\"me.klepp.thumbnail."))
				.anySatisfy(line -> assertThat(json.readTree(line).get("file").asString()).isEqualTo(key));
			lines.forEach(line -> json.readTree(line));
		});

		var deleted = browser.send(HttpRequest.newBuilder(URI.create(result.get("deletion_url").asString()))
			.POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(deleted.statusCode()).isEqualTo(200);
		assertThat(feedItem(user, key)).isNull();
	}

	private String api(String path, String user) throws Exception {
		var response = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + system.apiPort() + path))
			.header("Authorization", "Bearer " + stack.accessToken(user)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	private JsonNode feedItem(String user, String key) throws Exception {
		var response = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + system.apiPort()
				+ "/api/v2/files?media=all&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8))).build(),
				HttpResponse.BodyHandlers.ofString());
		for (JsonNode item : json.readTree(response.body()).get("response")) {
			if (item.get("path").asString().equals(key)) {
				return item;
			}
		}
		return null;
	}

	/** The request ShareX builds from the .sxcu: RequestURL, Headers, FileFormName. */
	private HttpRequest multipart(JsonNode sxcu, String filename, byte[] bytes) throws Exception {
		String boundary = "----ShareX" + System.nanoTime();
		var body = new ByteArrayOutputStream();
		body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + sxcu.get("FileFormName").asString()
				+ "\"; filename=\"" + filename + "\"\r\nContent-Type: video/mp4\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		body.write(bytes);
		body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return HttpRequest.newBuilder(URI.create(sxcu.get("RequestURL").asString()))
			.header("Authorization", sxcu.get("Headers").get("Authorization").asString())
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build();
	}

}
