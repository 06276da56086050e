package me.klepp.local;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;

import javax.imageio.ImageIO;

import me.klepp.devstack.Devstack;
import me.klepp.devstack.KleppResources;
import me.klepp.devstack.media.SampleMedia;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole path, driven over HTTP as a browser would: announce, PUT to S3, S3 events to the ingestor and the
 * thumbnail worker, the worker's event back to the ingestor, and the clip in the feed with its thumbnail.
 *
 * <p>
 * The same scenario runs wherever the system runs: only the environment differs (the embedded devstack, or
 * LocalStack for S3, SNS and SQS). Sign-in and the catalog database are the devstack's in both.
 *
 * @param stack issues access tokens and holds the catalog database
 * @param system the three services
 * @param queues the SQS the services use, to check that nothing is left over or dead-lettered
 */
record UploadScenario(Devstack stack, KleppSystem system, SqsClient queues) {

	// A browser follows the API's media links to the objects, so this client does too.
	private static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

	private static final JsonMapper json = JsonMapper.builder().build();

	void uploadedClipAppearsInTheFeedWithARepresentativeThumbnailAndItsMetadata(Path dir) throws Exception {
		Path clip = SampleMedia.clipWithBlackIntro(dir.resolve("clip.mp4"), 1280, 720, 2.0, 6.0);
		byte[] bytes = Files.readAllBytes(clip);
		String token = stack.accessToken("alice");

		// 1. announce
		JsonNode ticket = post("/api/v2/uploads", token,
				Map.of("filename", "Ace on Inferno.mp4", "content_type", "video/mp4", "size", bytes.length));
		String path = ticket.get("path").asString();
		assertThat(path).startsWith("alice/").endsWith(".mp4");
		assertThat(ticket.get("method").asString()).isEqualTo("PUT");

		// 2. PUT straight to S3, with exactly the headers the ticket names
		var put = HttpRequest.newBuilder(URI.create(ticket.get("upload_url").asString()))
			.PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
		ticket.get("headers").properties().forEach(h -> {
			if (!h.getKey().equalsIgnoreCase("content-length")) {
				put.header(h.getKey(), h.getValue().asString());
			}
		});
		assertThat(http.send(put.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
		// the URL writes once: the ticket's If-None-Match: * makes the store refuse a second PUT (ADR 16)
		assertThat(ticket.get("headers").get("If-None-Match").asString()).isEqualTo("*");
		var again = http.send(put.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(again.statusCode()).as(again.body()).isEqualTo(412);

		// 3-6. the events flow; the feed lists the clip with thumbnail and metadata, and the rendition worker's
		// decision (a recorder's MP4 has its index last: remuxed so that browsers start at once)
		JsonNode listed = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(
				() -> findInFeed(path), item -> item != null && !item.get("thumbnail_uri").isNull()
						&& !item.get("playback").get("state").asString().equals("transcoding"));
		assertThat(listed.get("display_name").asString()).isEqualTo("Ace on Inferno");
		assertThat(listed.get("user").get("name").asString()).isEqualTo("alice");
		assertThat(listed.get("hidden").asBoolean()).isFalse();
		assertThat(listed.get("uploaded_at").asString()).isNotBlank();
		assertThat(listed.get("size").asLong()).isEqualTo(bytes.length);
		JsonNode media = listed.get("media");
		assertThat(media.get("width").asInt()).isEqualTo(1280);
		assertThat(media.get("height").asInt()).isEqualTo(720);
		assertThat(media.get("duration_ms").asLong()).isBetween(5800L, 6200L);
		assertThat(media.get("video_codec").asString()).isNotBlank();

		// the upload as it was from original_uri, the playable MP4 from uri, the thumbnail from thumbnail_uri
		var original = http.send(HttpRequest.newBuilder(URI.create(listed.get("original_uri").asString())).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(original.body()).isEqualTo(bytes);
		assertThat(listed.get("playback").get("state").asString()).isEqualTo("ready");
		assertThat(listed.get("playback").get("decision").asString()).isEqualTo("remux");
		assertThat(listed.get("uri").asString()).endsWith(".mp4");
		var video = http.send(HttpRequest.newBuilder(URI.create(listed.get("uri").asString())).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(video.statusCode()).isEqualTo(200);
		String boxes = new String(video.body(), java.nio.charset.StandardCharsets.ISO_8859_1);
		assertThat(boxes.indexOf("moov")).as("the index comes before the media data").isPositive()
			.isLessThan(boxes.indexOf("mdat"));
		assertThat((long) video.body().length).isEqualTo(listed.get("playback").get("size").asLong());
		var thumbnail = http.send(HttpRequest.newBuilder(URI.create(listed.get("thumbnail_uri").asString())).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(thumbnail.statusCode()).isEqualTo(200);
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(thumbnail.body()));
		assertThat(image.getWidth()).isEqualTo(480);
		assertThat(image.getHeight()).isEqualTo(270);
		assertThat(meanLuma(image)).as("the black intro must not become the thumbnail").isGreaterThan(40);

		// the ingestor recorded what S3 reported
		try (var connection = DriverManager.getConnection(stack.jdbcUrl(), "postgres", "");
				var query = connection.prepareStatement(
						"select upload_state, size_bytes, etag, processing_state from media_file where object_key = ?")) {
			query.setString(1, path);
			var row = query.executeQuery();
			assertThat(row.next()).isTrue();
			assertThat(row.getString("upload_state")).isEqualTo("uploaded");
			assertThat(row.getLong("size_bytes")).isEqualTo(bytes.length);
			assertThat(row.getString("etag")).isNotBlank();
			assertThat(row.getString("processing_state")).isEqualTo("done");
		}

		// nothing loops: the thumbnail written by the worker produced no event, and nothing was dead-lettered
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			for (String queue : KleppResources.QUEUES) {
				assertThat(messagesIn(queue)).as(queue).isZero();
				assertThat(messagesIn(KleppResources.deadLetterQueue(queue))).as(queue + " dead letters").isZero();
			}
		});
	}

	private JsonNode findInFeed(String path) throws Exception {
		var response = http.send(HttpRequest.newBuilder(api("/api/v2/files?limit=100&media=all")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		for (JsonNode item : json.readTree(response.body()).get("response")) {
			if (item.get("path").asString().equals(path)) {
				return item;
			}
		}
		return null;
	}

	private JsonNode post(String path, String token, Object body) throws Exception {
		var response = http.send(HttpRequest.newBuilder(api(path))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return json.readTree(response.body());
	}

	private int messagesIn(String queue) {
		String queueUrl = queues.getQueueUrl(get -> get.queueName(queue)).queueUrl();
		var attributes = queues
			.getQueueAttributes(a -> a.queueUrl(queueUrl)
				.attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
						QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
			.attributes();
		return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
				+ Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
	}

	private URI api(String path) {
		return URI.create("http://127.0.0.1:" + system.apiPort() + path);
	}

	private static double meanLuma(BufferedImage image) {
		long sum = 0;
		for (int y = 0; y < image.getHeight(); y++) {
			for (int x = 0; x < image.getWidth(); x++) {
				int rgb = image.getRGB(x, y);
				sum += (((rgb >> 16) & 0xff) * 299 + ((rgb >> 8) & 0xff) * 587 + (rgb & 0xff) * 114) / 1000;
			}
		}
		return (double) sum / (image.getWidth() * image.getHeight());
	}

}
