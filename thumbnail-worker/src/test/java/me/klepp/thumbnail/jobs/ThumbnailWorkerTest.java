package me.klepp.thumbnail.jobs;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import javax.imageio.ImageIO;

import me.klepp.devstack.Devstack;
import me.klepp.devstack.KleppResources;
import me.klepp.events.MediaProcessedV1;
import me.klepp.events.MediaProcessingFailedV1;
import me.klepp.events.PreviewReadyV1;
import me.klepp.events.s3.S3NotificationWriter;
import me.klepp.events.s3.S3ObjectEvent;
import me.klepp.thumbnail.corpus.Corpus;
import me.klepp.thumbnail.media.Images;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worker as deployed: S3 events in from its queue, posters, thumbnails and previews out to the derived bucket,
 * versioned events (processed first, a clip's preview after it) out to the ingestor's queue (read here in its
 * place). Closed after the class, so that no other test's worker competes for the queues.
 */
@SpringBootTest(properties = "klepp.thumbnail.poll-timeout=1s")
@DirtiesContext
class ThumbnailWorkerTest {

	static final Devstack stack = Devstack.shared();

	@DynamicPropertySource
	static void devstack(DynamicPropertyRegistry registry) {
		stack.springProperties().forEach((key, value) -> registry.add(key, () -> value));
	}

	final S3Client s3 = stack.s3Client();

	@Test
	void anUploadedClipGetsAPosterAThumbnailAndThenAPreview(@TempDir Path dir) throws Exception {
		String key = "alice/worker-clip.mp4";
		upload(key, Corpus.blackIntro(), "video/mp4");

		// thumbnails first: the processed event names no preview, the preview follows in its own event
		MediaProcessedV1 processed = (MediaProcessedV1) Inbox.awaitEvent(stack, key);
		PreviewReadyV1 preview = (PreviewReadyV1) Inbox.awaitEvent(stack, key, 2);

		assertThat(processed.kind()).isEqualTo("video");
		assertThat(processed.etag()).isEqualTo(headETag(key));
		assertThat(processed.sizeBytes()).isEqualTo(Files.size(Corpus.blackIntro()));
		assertThat(processed.metadata().width()).isEqualTo(1280);
		assertThat(processed.metadata().height()).isEqualTo(720);
		assertThat(processed.metadata().durationMs()).isBetween(5900L, 6100L);
		assertThat(processed.metadata().videoCodec()).isEqualTo("h264");
		assertThat(processed.metadata().fps()).isEqualTo(25.0);
		assertThat(processed.metadata().hasAudio()).isFalse();
		assertThat(processed.metadata().rotation()).isZero();
		assertThat(processed.thumbnailBucket()).isEqualTo(KleppResources.DERIVED_BUCKET);
		assertThat(processed.thumbnailKey()).isEqualTo(key + "/thumbnail.jpg");
		assertThat(processed.posterKey()).isEqualTo(key + "/poster.jpg");
		assertThat(processed.previewKey()).isNull();
		assertThat(processed.thumbnailWidth()).isEqualTo(480);
		assertThat(processed.thumbnailHeight()).isEqualTo(270);
		assertThat(processed.posterWidth()).isEqualTo(1280);
		assertThat(processed.posterHeight()).isEqualTo(720);

		BufferedImage poster = derivedImage(processed.posterKey());
		assertThat(poster.getWidth()).isEqualTo(1280);
		assertThat(poster.getHeight()).isEqualTo(720);
		Images.assertNotBlack(poster);
		BufferedImage thumbnail = derivedImage(processed.thumbnailKey());
		assertThat(thumbnail.getWidth()).isEqualTo(480);
		assertThat(thumbnail.getHeight()).isEqualTo(270);

		assertThat(preview.bucket()).isEqualTo(KleppResources.MEDIA_BUCKET);
		assertThat(preview.key()).isEqualTo(key);
		assertThat(preview.etag()).isEqualTo(processed.etag());
		assertThat(preview.derivedBucket()).isEqualTo(KleppResources.DERIVED_BUCKET);
		assertThat(preview.previewKey()).isEqualTo(key + "/preview.mp4");
		assertThat(preview.width()).isEqualTo(480);
		assertThat(preview.height()).isEqualTo(270);
		assertThat(preview.durationMs()).isBetween(2900L, 3100L);
		Path file = dir.resolve("preview.mp4");
		Files.write(file, derived(preview.previewKey()));
		try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
			grabber.start();
			assertThat(grabber.getVideoCodecName()).isEqualTo("h264");
			assertThat(grabber.getImageWidth()).isEqualTo(480);
			assertThat(grabber.getImageHeight()).isEqualTo(270);
			assertThat(grabber.hasAudio()).isFalse();
			assertThat(grabber.getLengthInTime()).isBetween(2_900_000L, 3_100_000L);
		}
		assertThat(s3.headObject(h -> h.bucket(KleppResources.DERIVED_BUCKET).key(preview.previewKey()))
			.contentType()).isEqualTo("video/mp4");
		// two results, no failure: neither redelivered nor reported again
		awaitUploadsQueueDrained();
		assertThat(Inbox.eventsFor(stack, key)).hasSize(2);
	}

	@Test
	void anUploadedScreenshotGetsAPosterAndAThumbnailButNoPreview() {
		String key = "alice/worker-shot.webp";
		upload(key, Corpus.image("webp"), "image/webp");

		MediaProcessedV1 processed = (MediaProcessedV1) Inbox.awaitEvent(stack, key);

		assertThat(processed.kind()).isEqualTo("image");
		assertThat(processed.metadata().width()).isEqualTo(800);
		assertThat(processed.metadata().height()).isEqualTo(600);
		assertThat(processed.metadata().videoCodec()).isEqualTo("webp");
		assertThat(processed.metadata().durationMs()).isNull();
		assertThat(processed.previewKey()).isNull();
		assertThat(derivedImage(processed.posterKey()).getWidth()).isEqualTo(800);
		assertThat(derivedImage(processed.thumbnailKey()).getHeight()).isEqualTo(360);
		assertThat(derivedKeys(key)).containsExactlyInAnyOrder(key + "/poster.jpg", key + "/thumbnail.jpg");
		awaitUploadsQueueDrained();
		assertThat(Inbox.eventsFor(stack, key)).as("no preview-ready for a still image").hasSize(1);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
		"zero-byte           | zero-byte file",
		"text                | not a media file (content not recognised)",
		"truncated           | not a media file, or truncated/corrupt",
		"truncated-faststart | truncated or corrupt video: only 1 of 3 sample points could be decoded",
		"corrupt             | not a media file, or truncated/corrupt",
		"corrupt-png         | no decodable picture (corrupt or truncated image)",
	})
	void everyBadFileEndsFailedWithItsReasonAfterOneAttempt(String which, String reason) {
		Path file = switch (which) {
			case "zero-byte" -> Corpus.zeroByte();
			case "text" -> Corpus.text();
			case "truncated" -> Corpus.truncated();
			case "truncated-faststart" -> Corpus.truncatedFaststart();
			case "corrupt" -> Corpus.corrupt();
			case "corrupt-png" -> Corpus.corruptPng();
			default -> throw new IllegalArgumentException(which);
		};
		String key = "bob/bad-" + which + (which.endsWith("png") ? ".png" : ".mp4");
		upload(key, file, "video/mp4");

		MediaProcessingFailedV1 failed = (MediaProcessingFailedV1) Inbox.awaitEvent(stack, key);

		assertThat(failed.reason()).startsWith(reason);
		assertThat(failed.reason()).doesNotContain("attempts"); // permanent: reported on the first delivery
		assertThat(failed.etag()).isEqualTo(headETag(key));
		assertThat(derivedKeys(key)).isEmpty();
		// acknowledged: neither redelivered nor dead-lettered, and reported once
		awaitUploadsQueueDrained();
		assertThat(Inbox.eventsFor(stack, key)).hasSize(1);
	}

	@ParameterizedTest(name = "{0} as {1}")
	@CsvSource({
		"png,  image/jpeg",
		"jpg,  image/png",
		"gif,  image/webp",
		"webm, video/mp4",
		"mp4,  video/webm",
		"png,  video/mp4",
		"mp4,  image/png",
	})
	void aFileWhoseBytesAreNotWhatItsTypeSaysEndsFailed(String content, String declared) {
		Path file = switch (content) {
			case "webm" -> Corpus.vp9();
			case "mp4" -> Corpus.tiny();
			default -> Corpus.image(content);
		};
		String key = "erin/claims-" + declared.replace('/', '-') + "-is-" + content;
		upload(key, file, declared);

		MediaProcessingFailedV1 failed = (MediaProcessingFailedV1) Inbox.awaitEvent(stack, key);

		assertThat(failed.reason()).endsWith("is not " + declared + " as declared");
		assertThat(derivedKeys(key)).isEmpty();
	}

	@ParameterizedTest(name = "{0} as {1}")
	@CsvSource({
		"png,   image/png",
		"jpg,   image/jpeg",
		"gif,   image/gif",
		"webp,  image/webp",
		"mp4,   video/mp4",
		"mp4,   video/quicktime",
		"mov,   video/quicktime",
		"webm,  video/webm",
		"webm,  video/x-matroska",
	})
	void aFileOfEveryAcceptedTypeIsProcessedAsItself(String content, String declared) {
		Path file = switch (content) {
			case "webm" -> Corpus.vp9();
			case "mp4" -> Corpus.tiny();
			case "mov" -> Corpus.hevc10();
			default -> Corpus.image(content);
		};
		String key = "erin/is-" + content + "-as-" + declared.replace('/', '-');
		upload(key, file, declared);

		assertThat(Inbox.awaitEvent(stack, key)).isInstanceOf(MediaProcessedV1.class);
	}

	@ParameterizedTest(name = "{0} ({1})")
	@CsvSource({
		"dave/folder/,        image/png",
		"dave/page.html,      text/html",
		"dave/no-extension,   application/octet-stream",
	})
	void objectsTheCatalogNeverListsAreSkippedAcknowledgedAndLeaveNothing(String key, String contentType) {
		// picture bytes: only the key and type say this can never be a klepp file
		upload(key, Corpus.image("png"), contentType);
		String listed = "dave/listed-" + contentType.replace('/', '-') + ".png";
		upload(listed, Corpus.image("png"), "image/png");
		Inbox.awaitEvent(stack, listed); // processed after (or beside) the one that is skipped

		awaitUploadsQueueDrained();
		assertThat(Inbox.eventsFor(stack, key)).isEmpty();
		assertThat(derivedKeys(key)).isEmpty();
		assertThat(Inbox.deadLettered(stack, KleppResources.THUMBNAIL_UPLOADS_QUEUE, key)).isFalse();
	}

	@Test
	void anObjectRemovedBeforeProcessingIsSkipped() {
		String key = "alice/gone-before-processing.mp4";
		// Only the event arrives: the object it names does not exist (any more).
		sendUploadEvent(key, "0123456789abcdef0123456789abcdef");

		awaitUploadsQueueDrained();
		assertThat(Inbox.eventsFor(stack, key)).isEmpty();
	}

	@Test
	void aLateEventOfAnOverwrittenObjectIsSkipped() {
		String key = "alice/overwritten.png";
		upload(key, Corpus.image("png"), "image/png");
		Inbox.awaitEvent(stack, key);

		// the event of an earlier write, arriving after the object was replaced
		sendUploadEvent(key, "0123456789abcdef0123456789abcdef");

		awaitUploadsQueueDrained();
		assertThat(Inbox.eventsFor(stack, key)).hasSize(1);
	}

	@Test
	void theSameEventTwiceGivesTheSameResultTwice() {
		String key = "alice/twice.jpg";
		upload(key, Corpus.image("jpg"), "image/jpeg");
		MediaProcessedV1 first = (MediaProcessedV1) Inbox.awaitEvent(stack, key);

		sendUploadEvent(key, headETag(key)); // SQS delivers at least once

		MediaProcessedV1 second = (MediaProcessedV1) Inbox.awaitEvent(stack, key, 2);
		assertThat(second).isEqualTo(first); // absolute values: applying either leaves the same row
		assertThat(derivedKeys(key)).hasSize(2);
	}

	@Test
	void anUnreadableMessageIsDeadLetteredWithinSeconds() {
		String body = "{\"not\": \"an S3 event\", \"marker\": \"poison-" + Instant.now().toEpochMilli() + "\"}";
		stack.sqsClient()
			.sendMessage(m -> m.queueUrl(stack.queueUrl(KleppResources.THUMBNAIL_UPLOADS_QUEUE)).messageBody(body));

		// redelivered at once rather than after a back-off: five deliveries, then the dead-letter queue
		await().atMost(Duration.ofSeconds(20)).until(() -> Inbox.deadLettered(stack,
				KleppResources.THUMBNAIL_UPLOADS_QUEUE, body.substring(body.indexOf("poison-"))));
	}

	// ---- helpers ------------------------------------------------------------------------------------------------

	private void upload(String key, Path file, String contentType) {
		s3.putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(key).contentType(contentType), file);
	}

	private String headETag(String key) {
		return s3.headObject(h -> h.bucket(KleppResources.MEDIA_BUCKET).key(key)).eTag().replace("\"", "");
	}

	private void sendUploadEvent(String key, String eTag) {
		String json = new S3NotificationWriter().toJson(new S3ObjectEvent("ObjectCreated:Put", Instant.now(),
				KleppResources.MEDIA_BUCKET, key, 10L, eTag, null, "00AA"), Devstack.REGION);
		stack.sqsClient()
			.sendMessage(m -> m.queueUrl(stack.queueUrl(KleppResources.THUMBNAIL_UPLOADS_QUEUE)).messageBody(json));
	}

	private byte[] derived(String key) {
		return s3.getObjectAsBytes(g -> g.bucket(KleppResources.DERIVED_BUCKET).key(key)).asByteArray();
	}

	private BufferedImage derivedImage(String key) {
		try {
			return ImageIO.read(new java.io.ByteArrayInputStream(derived(key)));
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	private java.util.List<String> derivedKeys(String key) {
		return s3.listObjectsV2(l -> l.bucket(KleppResources.DERIVED_BUCKET).prefix(key + "/"))
			.contents()
			.stream()
			.map(o -> o.key())
			.toList();
	}

	private void awaitUploadsQueueDrained() {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(Inbox.inQueue(stack, KleppResources.THUMBNAIL_UPLOADS_QUEUE)).isZero());
	}

}
