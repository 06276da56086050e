package me.klepp.local.faults;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import me.klepp.devstack.Devstack;
import me.klepp.devstack.KleppResources;
import me.klepp.devstack.media.SampleMedia;
import me.klepp.events.EventCodec;
import me.klepp.events.EventEnvelope;
import me.klepp.events.MediaMetadata;
import me.klepp.events.MediaProcessedV1;
import me.klepp.local.KleppSystem;
import me.klepp.messaging.PoisonMessages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.JsonNode;

import static me.klepp.local.faults.FaultScenarios.announce;
import static me.klepp.local.faults.FaultScenarios.assertNothingDeadLettered;
import static me.klepp.local.faults.FaultScenarios.http;
import static me.klepp.local.faults.FaultScenarios.json;
import static me.klepp.local.faults.FaultScenarios.messages;
import static me.klepp.local.faults.FaultScenarios.put;
import static me.klepp.local.faults.FaultScenarios.row;
import static me.klepp.local.faults.FaultScenarios.uploadedAndProcessed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Writes klepp did not make or no longer wants, through the whole system (issue 16, items 5, 6 and 15): a presigned
 * URL used again after its file was deleted, an upload overwritten with other bytes, a forged worker result, and
 * objects that can never be klepp files. None of them is listed, served or left behind.
 */
class UntrustedWritesTest {

	static Devstack stack;

	static KleppSystem system;

	static byte[] clip;

	@BeforeAll
	static void start(@TempDir Path dir) throws Exception {
		stack = Devstack.shared();
		system = KleppSystem.startForTests(stack, "--klepp.deletions.interval=PT1S", "--klepp.thumbnail.poll-timeout=1s");
		clip = Files.readAllBytes(SampleMedia.clip(dir.resolve("clip.mp4"), "mp4", "mpeg4", 320, 240, 2.0, 25));
	}

	@AfterAll
	static void stop() {
		if (system != null) {
			system.close();
		}
	}

	@Test
	void aPresignedUrlUsedAgainAfterItsFileWasDeletedBringsNothingBack() throws Exception {
		String user = user("deleter");
		JsonNode ticket = announce(stack, system.apiPort(), user, "regretted.mp4", clip.length);
		String key = ticket.get("path").asString();
		assertThat(put(ticket, clip)).isEqualTo(200);
		await().atMost(Duration.ofSeconds(60)).until(() -> uploadedAndProcessed(row(stack, key)));

		assertThat(delete(user, key)).isEqualTo(200);
		await().atMost(Duration.ofSeconds(30)).until(() -> !exists(KleppResources.MEDIA_BUCKET, key));

		// The key is free again, so If-None-Match: * lets the URL (valid for 15 minutes) write once more.
		assertThat(put(ticket, clip)).isEqualTo(200);

		// (a result the worker made meanwhile may wait for one visibility timeout, 30 s, before it is cleaned up)
		await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
			assertThat(exists(KleppResources.MEDIA_BUCKET, key)).as("deleted again").isFalse();
			assertThat(derived(key)).as("nothing made of it is left").isEmpty();
			assertThat(messages(stack, KleppResources.INGESTOR_UPLOADS_QUEUE)).isZero();
			assertThat(messages(stack, KleppResources.THUMBNAIL_UPLOADS_QUEUE)).isZero();
			assertThat(messages(stack, KleppResources.MEDIA_EVENTS_QUEUE)).isZero();
			assertThat(pendingDeletions(key)).isZero();
		});
		assertThat(row(stack, key)).as("never listed again").isNull();
		assertThat(feed(user)).isEmpty();
		assertNothingDeadLettered(stack);
	}

	@Test
	void anOverwriteIsProcessedAgainAndEndsFailedWhenTheNewBytesAreNotMedia() throws Exception {
		String user = user("overwriter");
		JsonNode ticket = announce(stack, system.apiPort(), user, "clip.mp4", clip.length);
		String key = ticket.get("path").asString();
		assertThat(put(ticket, clip)).isEqualTo(200);
		await().atMost(Duration.ofSeconds(60)).until(() -> uploadedAndProcessed(row(stack, key)));

		// Someone with the bucket's credentials (the URL itself can no longer overwrite): HTML, typed as the clip.
		byte[] html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
		stack.s3Client().putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(key).contentType("video/mp4"),
				RequestBody.fromBytes(html));

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(row(stack, key))
			.containsEntry("processing_state", "failed")
			.containsEntry("thumbnail", "null")
			.containsEntry("size", (long) html.length));
		JsonNode listed = feed(user).get(0);
		assertThat(listed.get("thumbnail_uri").isNull()).as("no picture of the old bytes").isTrue();
		assertThat(listed.get("processing_state").asString()).isEqualTo("failed");
		assertThat(listed.get("media").isNull()).as("no metadata of the old bytes").isTrue();
		assertThat(listed.get("preview_uri").isNull()).isTrue();
		assertNothingDeadLettered(stack);
	}

	@Test
	void aForgedResultPointingAtAnotherUsersClipIsDeadLetteredWithItsReasonAndChangesNothing() throws Exception {
		String alice = user("alice");
		JsonNode aliceTicket = announce(stack, system.apiPort(), alice, "private.mp4", clip.length);
		String aliceKey = aliceTicket.get("path").asString();
		assertThat(put(aliceTicket, clip)).isEqualTo(200);
		String bob = user("bob");
		JsonNode bobTicket = announce(stack, system.apiPort(), bob, "public.mp4", clip.length);
		String bobKey = bobTicket.get("path").asString();
		assertThat(put(bobTicket, clip)).isEqualTo(200);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> uploadedAndProcessed(row(stack, aliceKey)) && uploadedAndProcessed(row(stack, bobKey)));

		// bob's current ETag (so the forgery is about the current version), alice's objects as his
		String etag = stack.s3Client().headObject(h -> h.bucket(KleppResources.MEDIA_BUCKET).key(bobKey)).eTag()
			.replace("\"", "");
		String forged = new EventCodec().encode(EventEnvelope.of("urn:forger", bobKey,
				new MediaProcessedV1(KleppResources.MEDIA_BUCKET, bobKey, etag, 1L, "video",
						KleppResources.DERIVED_BUCKET, aliceKey + "/thumbnail.jpg", 480, 270,
						new MediaMetadata(2000L, 320, 240, "mpeg4", 25.0, false, 1L, 0), aliceKey + "/poster.jpg", 320,
						240, aliceKey + "/preview.mp4")));
		stack.sqsClient()
			.sendMessage(m -> m.queueUrl(stack.queueUrl(KleppResources.MEDIA_EVENTS_QUEUE)).messageBody(forged));

		Message deadLetter = await().atMost(Duration.ofSeconds(30)).until(() -> takeDeadLetter(bobKey), m -> m != null);
		assertThat(deadLetter.messageAttributes().get(PoisonMessages.REASON_ATTRIBUTE).stringValue())
			.startsWith("refused worker result: thumbnail_key " + aliceKey + "/thumbnail.jpg is not an object of this file");
		assertThat(row(stack, bobKey)).containsEntry("thumbnail", bobKey + "/thumbnail.jpg");
		assertThat(feed(bob).get(0).get("thumbnail_uri").asString()).doesNotContain(aliceKey);
	}

	@Test
	void objectsThatCanNeverBeKleppFilesAreNotListedNotThumbnailedAndNotDeadLettered() throws Exception {
		String user = user("careless");
		announce(stack, system.apiPort(), user, "registers the user.mp4", 1);
		byte[] picture = Files.readAllBytes(SampleMedia.image(Files.createTempFile("shot", ".png"), "png", 64, 48));
		Map<String, String> refused = Map.of(user + "/folder/", "image/png", user + "/page.html", "text/html",
				user + "/no-extension", "application/octet-stream");
		refused.forEach((key, type) -> stack.s3Client()
			.putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(key).contentType(type),
					RequestBody.fromBytes(picture)));
		String listed = user + "/listed.png";
		stack.s3Client().putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(listed).contentType("image/png"),
				RequestBody.fromBytes(picture));

		await().atMost(Duration.ofSeconds(60)).until(() -> uploadedAndProcessed(row(stack, listed)));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			for (String queue : KleppResources.QUEUES) {
				assertThat(messages(stack, queue)).as(queue).isZero();
			}
		});
		for (String key : refused.keySet()) {
			assertThat(row(stack, key)).as(key).isNull();
			assertThat(derived(key)).as(key).isEmpty();
		}
		assertThat(feed(user)).extracting(item -> item.get("path").asString()).containsExactly(listed);
		assertNothingDeadLettered(stack);
	}

	// ---- helpers ------------------------------------------------------------------------------------------------

	private static String user(String name) {
		return name + "-" + UUID.randomUUID().toString().substring(0, 6);
	}

	private int delete(String user, String key) throws Exception {
		return http.send(HttpRequest.newBuilder(api("/api/v2/files"))
			.header("Authorization", "Bearer " + stack.accessToken(user))
			.header("Content-Type", "application/json")
			.method("DELETE", HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("path", key))))
			.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	/** Everything of the user's the user sees: every medium, in every state (failed files only to their owner). */
	private List<JsonNode> feed(String user) throws Exception {
		var response = http.send(HttpRequest.newBuilder(
				api("/api/v2/files?media=all&state=all&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)))
			.header("Authorization", "Bearer " + stack.accessToken(user)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		List<JsonNode> items = new java.util.ArrayList<>();
		json.readTree(response.body()).get("response").forEach(items::add);
		return items;
	}

	private boolean exists(String bucket, String key) {
		try {
			stack.s3Client().headObject(h -> h.bucket(bucket).key(key));
			return true;
		}
		catch (NoSuchKeyException e) {
			return false;
		}
	}

	private List<String> derived(String key) {
		return stack.s3Client()
			.listObjectsV2(l -> l.bucket(KleppResources.DERIVED_BUCKET).prefix(key + "/"))
			.contents()
			.stream()
			.map(o -> o.key())
			.toList();
	}

	private long pendingDeletions(String key) throws Exception {
		try (var connection = FaultScenarios.database(stack);
				var query = connection.prepareStatement("select count(*) from object_deletion where object_key like ?")) {
			query.setString(1, key.replace("%", "\\%").replace("_", "\\_") + "%");
			var rs = query.executeQuery();
			rs.next();
			return rs.getLong(1);
		}
	}

	/** The dead letter of the events queue about {@code key}, removed so the other tests find the queue empty. */
	private Message takeDeadLetter(String key) {
		String url = stack.queueUrl(KleppResources.deadLetterQueue(KleppResources.MEDIA_EVENTS_QUEUE));
		for (Message m : stack.sqsClient()
			.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).messageAttributeNames("All"))
			.messages()) {
			if (m.body().contains(key)) {
				stack.sqsClient().deleteMessage(d -> d.queueUrl(url).receiptHandle(m.receiptHandle()));
				return m;
			}
		}
		return null;
	}

	private URI api(String path) {
		return URI.create("http://127.0.0.1:" + system.apiPort() + path);
	}

}
