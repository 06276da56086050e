package me.klepp.rendition.jobs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import me.klepp.devstack.Devstack;
import me.klepp.devstack.KleppResources;
import me.klepp.devstack.media.SampleMedia;
import me.klepp.events.EventCodec;
import me.klepp.events.EventEnvelope;
import me.klepp.events.KleppEvent;
import me.klepp.events.MediaRegenerationRequestedV1;
import me.klepp.events.RenditionFailedV1;
import me.klepp.events.RenditionReadyV1;
import me.klepp.events.s3.S3NotificationWriter;
import me.klepp.events.s3.S3ObjectEvent;
import me.klepp.rendition.playback.RenditionProperties;
import me.klepp.rendition.playback.Renditions;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.sqs.SqsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The worker as deployed: S3 upload events and regeneration requests in from its own queues, renditions out to the
 * derived bucket, versioned events out to the ingestor's queue (queues of this test's, read here in the ingestor's
 * place).
 */
@SpringBootTest(properties = { "klepp.rendition.poll-timeout=1s", "klepp.rendition.part-size=5MB" })
@DirtiesContext
class RenditionWorkerTest {

	static final Devstack stack = Devstack.shared();

	static final String UPLOADS = "rendition-test-uploads-" + UUID.randomUUID();

	static final String EVENTS = "rendition-test-events-" + UUID.randomUUID();

	static final String REQUESTS = "rendition-test-requests-" + UUID.randomUUID();

	static final List<EventEnvelope<KleppEvent>> received = new CopyOnWriteArrayList<>();

	final S3Client s3 = stack.s3Client();

	final SqsClient sqs = stack.sqsClient();

	@TempDir
	Path dir;

	@DynamicPropertySource
	static void devstack(DynamicPropertyRegistry registry) {
		stack.springProperties().forEach((key, value) -> registry.add(key, () -> value));
		stack.sqsClient().createQueue(c -> c.queueName(UPLOADS));
		stack.sqsClient().createQueue(c -> c.queueName(EVENTS));
		stack.sqsClient().createQueue(c -> c.queueName(REQUESTS));
		registry.add("klepp.rendition.requests-queue", () -> REQUESTS);
		registry.add("klepp.rendition.uploads-queue", () -> UPLOADS);
		registry.add("klepp.rendition.media-events-queue", () -> EVENTS);
	}

	@Test
	void anObsStyleMkvIsRemuxedIntoAFaststartMp4BesideIt() throws Exception {
		String key = "alice/" + UUID.randomUUID() + ".mkv";
		Path mkv = SampleMedia.clip(dir.resolve("obs.mkv"), "mkv", "h264", 1280, 720, 6, 30, false);
		upload(key, mkv, "video/x-matroska");

		RenditionReadyV1 ready = (RenditionReadyV1) awaitEvent(key);

		assertThat(ready.decision()).isEqualTo(RenditionReadyV1.REMUX);
		assertThat(ready.etag()).isEqualTo(eTag(key));
		assertThat(ready.renditionBucket()).isEqualTo(KleppResources.DERIVED_BUCKET);
		assertThat(ready.renditionKey()).isEqualTo(key + "/playable.mp4");
		assertThat(ready.width()).isEqualTo(1280);
		assertThat(ready.height()).isEqualTo(720);
		Path playable = dir.resolve("playable.mp4");
		s3.getObject(g -> g.bucket(KleppResources.DERIVED_BUCKET).key(ready.renditionKey()), playable);
		assertThat(Files.size(playable)).isEqualTo(ready.sizeBytes());
		assertThat(boxesBeforeMediaData(playable)).contains("moov");
		try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(playable.toFile())) {
			grabber.start();
			assertThat(grabber.getVideoCodecName()).isEqualTo("h264");
			assertThat(grabber.getLengthInTime() / 1e6).isCloseTo(6.0, org.assertj.core.api.Assertions.within(0.1));
		}
	}

	@Test
	void aWebSafeMp4NeedsNoRenditionAndGetsNone() throws Exception {
		String key = "bob/" + UUID.randomUUID() + ".mp4";
		Path indexLast = SampleMedia.clip(dir.resolve("a.mp4"), "mp4", "h264", 320, 180, 1, 25, true);
		Path faststart = new Renditions(RenditionProperties.defaults()).make(indexLast, dir.resolve("b.mp4")).file();
		upload(key, faststart, "video/mp4");

		RenditionReadyV1 ready = (RenditionReadyV1) awaitEvent(key);

		assertThat(ready.decision()).isEqualTo(RenditionReadyV1.ORIGINAL);
		assertThat(ready.renditionKey()).isNull();
		assertThat(ready.sizeBytes()).isEqualTo(Files.size(faststart));
		assertThatThrownBy(() -> s3.headObject(h -> h.bucket(KleppResources.DERIVED_BUCKET).key(key + "/playable.mp4")))
			.isInstanceOf(NoSuchKeyException.class);
	}

	@Test
	void aVideoThatIsNotOneFailsWithItsReasonOnce() throws Exception {
		String key = "carol/" + UUID.randomUUID() + ".mp4";
		upload(key, Files.writeString(dir.resolve("x.mp4"), "<html>not a clip</html>"), "video/mp4");

		RenditionFailedV1 failed = (RenditionFailedV1) awaitEvent(key);

		assertThat(failed.reason()).startsWith("not a video FFmpeg can open");
		assertThat(failed.etag()).isEqualTo(eTag(key));
		awaitUploadsDrained();
		assertThat(eventsFor(key)).hasSize(1);
	}

	@Test
	void picturesAndEventsOfOverwrittenVideosGetNothing() throws Exception {
		String picture = "dave/" + UUID.randomUUID() + ".png";
		upload(picture, SampleMedia.image(dir.resolve("p.png"), "png", 64, 48), "image/png");
		String video = "dave/" + UUID.randomUUID() + ".mkv";
		upload(video, SampleMedia.clip(dir.resolve("v.mkv"), "mkv", "h264", 160, 90, 1, 25, false), "video/x-matroska");
		awaitEvent(video);
		// the event of an earlier write of the video, arriving after the object was replaced
		send(new S3ObjectEvent("ObjectCreated:Put", Instant.now(), KleppResources.MEDIA_BUCKET, video, 10L,
				"0123456789abcdef0123456789abcdef", null, "00AA"));

		awaitUploadsDrained();
		assertThat(eventsFor(picture)).isEmpty();
		assertThat(eventsFor(video)).hasSize(1);
	}

	@Test
	void aRegenerationMakesTheRenditionOfTheCurrentVersionAgain() throws Exception {
		String key = "erin/" + UUID.randomUUID() + ".mkv";
		upload(key, SampleMedia.clip(dir.resolve("e.mkv"), "mkv", "h264", 320, 180, 2, 25, false), "video/x-matroska");
		awaitEvent(key);
		// overwritten without an event reaching the worker (as if it had been lost): the request is for whatever is there
		Path newer = SampleMedia.clip(dir.resolve("e2.mkv"), "mkv", "h264", 640, 360, 2, 25, false);
		s3.putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(key).contentType("video/x-matroska"), newer);

		request(MediaRegenerationRequestedV1.one(KleppResources.MEDIA_BUCKET, key, "settings changed"));

		await().atMost(Duration.ofSeconds(90)).until(() -> eventsFor(key).size() == 2);
		RenditionReadyV1 again = (RenditionReadyV1) eventsFor(key).get(1);
		assertThat(again.etag()).isEqualTo(eTag(key));
		assertThat(again.width()).isEqualTo(640);
		assertThat(s3.headObject(h -> h.bucket(KleppResources.DERIVED_BUCKET).key(again.renditionKey())).contentLength())
			.isEqualTo(again.sizeBytes());
	}

	@Test
	void aBulkRegenerationCoversEveryVideoUnderItsPrefixAndNothingElse() throws Exception {
		String prefix = "bulk-" + UUID.randomUUID() + "/";
		Path clip = SampleMedia.clip(dir.resolve("b.mkv"), "mkv", "h264", 160, 90, 1, 25, false);
		List<String> videos = List.of(prefix + "a.mkv", prefix + "sub/b.mkv");
		for (String video : videos) {
			s3.putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(video).contentType("video/x-matroska"), clip);
		}
		String picture = prefix + "c.png";
		s3.putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(picture).contentType("image/png"),
				SampleMedia.image(dir.resolve("c.png"), "png", 32, 32));
		String outside = "not-" + prefix + "d.mkv";
		s3.putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(outside).contentType("video/x-matroska"), clip);

		request(MediaRegenerationRequestedV1.all(KleppResources.MEDIA_BUCKET, prefix, "encoder changed"));

		await().atMost(Duration.ofSeconds(90)).until(() -> videos.stream().allMatch(v -> eventsFor(v).size() == 1));
		awaitDrained(REQUESTS);
		assertThat(eventsFor(picture)).isEmpty();
		assertThat(eventsFor(outside)).isEmpty();
		for (String video : videos) {
			assertThat(((RenditionReadyV1) eventsFor(video).get(0)).decision()).isEqualTo(RenditionReadyV1.REMUX);
		}
	}

	@Test
	void aRegenerationOfAnObjectThatIsGoneIsSkippedWithoutAFailure() {
		String gone = "frank/" + UUID.randomUUID() + ".mkv";

		request(MediaRegenerationRequestedV1.one(KleppResources.MEDIA_BUCKET, gone, "by hand"));

		awaitDrained(REQUESTS);
		assertThat(eventsFor(gone)).isEmpty();
	}

	// ---- helpers ------------------------------------------------------------------------------------------------

	private void request(MediaRegenerationRequestedV1 request) {
		String body = new EventCodec().encode(EventEnvelope.of("/ops", request.key() == null ? "bulk" : request.key(),
				request));
		sqs.sendMessage(m -> m.queueUrl(queueUrl(REQUESTS)).messageBody(body));
	}

	private void upload(String key, Path file, String contentType) {
		s3.putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(key).contentType(contentType), file);
		send(new S3ObjectEvent("ObjectCreated:Put", Instant.now(), KleppResources.MEDIA_BUCKET, key,
				fileSize(file), eTag(key), null, "00" + System.nanoTime()));
	}

	private static long fileSize(Path file) {
		try {
			return Files.size(file);
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	private void send(S3ObjectEvent event) {
		String body = new S3NotificationWriter().toJson(event, Devstack.REGION);
		sqs.sendMessage(m -> m.queueUrl(queueUrl(UPLOADS)).messageBody(body));
	}

	private String eTag(String key) {
		return s3.headObject(h -> h.bucket(KleppResources.MEDIA_BUCKET).key(key)).eTag().replace("\"", "");
	}

	private KleppEvent awaitEvent(String key) {
		return await().atMost(Duration.ofSeconds(90)).until(() -> {
			List<KleppEvent> events = eventsFor(key);
			return events.isEmpty() ? null : events.get(0);
		}, event -> event != null);
	}

	private List<KleppEvent> eventsFor(String key) {
		poll();
		return received.stream().filter(e -> key.equals(e.subject())).map(EventEnvelope::data).toList();
	}

	private synchronized void poll() {
		String url = queueUrl(EVENTS);
		for (var message : sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
			.messages()) {
			received.add(new EventCodec().decode(message.body()));
			sqs.deleteMessage(d -> d.queueUrl(url).receiptHandle(message.receiptHandle()));
		}
	}

	private void awaitUploadsDrained() {
		awaitDrained(UPLOADS);
	}

	private void awaitDrained(String queue) {
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			var attributes = sqs.getQueueAttributes(a -> a.queueUrl(queueUrl(queue)).attributeNamesWithStrings(
					"ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings();
			return attributes.values().stream().allMatch("0"::equals);
		});
	}

	private String queueUrl(String queue) {
		return sqs.getQueueUrl(g -> g.queueName(queue)).queueUrl();
	}

	/** The names of the top-level boxes before {@code mdat}. */
	private static List<String> boxesBeforeMediaData(Path mp4) throws Exception {
		byte[] bytes = Files.readAllBytes(mp4);
		List<String> boxes = new java.util.ArrayList<>();
		int at = 0;
		while (at + 8 <= bytes.length) {
			long size = java.nio.ByteBuffer.wrap(bytes, at, 4).getInt() & 0xffffffffL;
			String type = new String(bytes, at + 4, 4, StandardCharsets.ISO_8859_1);
			if (type.equals("mdat") || size < 8) {
				break;
			}
			boxes.add(type);
			at += (int) size;
		}
		return boxes;
	}

}
