package me.klepp.ingestor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import me.klepp.devstack.Devstack;
import me.klepp.devstack.KleppResources;
import me.klepp.events.DerivedKeys;
import me.klepp.events.EventCodec;
import me.klepp.events.EventEnvelope;
import me.klepp.events.KleppEvent;
import me.klepp.events.MediaMetadata;
import me.klepp.events.MediaProcessedV1;
import me.klepp.events.MediaProcessingFailedV1;
import me.klepp.events.PreviewReadyV1;
import me.klepp.events.RenditionFailedV1;
import me.klepp.events.RenditionProgressedV1;
import me.klepp.events.RenditionReadyV1;
import me.klepp.events.s3.S3NotificationWriter;
import me.klepp.events.s3.S3ObjectEvent;
import me.klepp.messaging.PoisonMessages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sqs.model.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Anyone who can send to the events queue can forge a worker result, and the API serves what the row names.
 * The ingestor believes a result only when it is about this file's own objects in the configured buckets, with
 * believable numbers, and about the current version of the object; a result for an older version is stale, not
 * an error. And a new version of an object is processed again, whatever the old one's result was.
 */
@SpringBootTest
class WorkerResultsTest {

	static final Devstack stack = Devstack.shared();

	@DynamicPropertySource
	static void devstack(DynamicPropertyRegistry registry) {
		stack.springProperties().forEach((key, value) -> registry.add(key, () -> value));
	}

	static final String ETAG = "9b2cf535f27731c974343645a3985328";

	static final String NEWER_ETAG = "d41d8cd98f00b204e9800998ecf8427e";

	@Autowired
	JdbcClient jdbc;

	final EventCodec codec = new EventCodec();

	final S3NotificationWriter s3Events = new S3NotificationWriter();

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
		"another bucket                | bucket someone-elses-bucket is not the media bucket",
		"another derived bucket        | thumbnail_bucket klepp-media is not the derived bucket",
		"another file's preview        | preview_key alice/hidden.mp4/preview.mp4 is not an object of this file",
		"a way out of the file         | poster_key <key>/../../alice/hidden.mp4/poster.jpg is not an object of this file",
		"negative size                 | size_bytes is negative",
		"no width                      | metadata.width 0 is not between 1 and 16384",
		"a huge thumbnail              | thumbnail_width 20000 is not between 1 and 16384",
		"too many pixels               | metadata.width x height is over 36000000 pixels",
		"negative duration             | metadata.duration_ms -1 is not between 0",
		"a rotation players do not know| metadata.rotation 45 is not 0, 90, 180 or 270",
		"a poster without its size     | poster_width and poster_height must come exactly with poster_key",
	})
	void aForgedResultIsDeadLetteredWithItsReasonAndChangesNothing(String forgery, String reason) {
		String key = pendingFile();
		MediaProcessedV1 forged = forge(forgery, key);

		send(forged);

		assertThat(awaitDeadLetterReason(key)).startsWith("refused worker result: " + reason.replace("<key>", key));
		assertThat(row(key)).containsEntry("processing_state", "pending")
			.containsEntry("thumbnail_key", null)
			.containsEntry("preview_key", null);
	}

	@Test
	void aForgedFailureForAnotherBucketIsDeadLetteredWithItsReason() {
		String key = pendingFile();

		send(new MediaProcessingFailedV1("someone-elses-bucket", key, ETAG, "not a media file"));

		assertThat(awaitDeadLetterReason(key))
			.isEqualTo("refused worker result: bucket someone-elses-bucket is not the media bucket");
		assertThat(row(key)).containsEntry("processing_state", "pending");
	}

	@Test
	void aResultForAnOlderVersionIsAcknowledgedAndIgnoredAsStale() {
		String key = pendingFile();
		stack.s3Client().putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(key).contentType("video/mp4"),
				RequestBody.fromString("the current bytes"));
		String current = await().atMost(Duration.ofSeconds(30)).until(() -> (String) row(key).get("etag"),
				etag -> etag != null);

		send(processed(key, ETAG)); // about bytes that are no longer there
		send(new MediaProcessingFailedV1(KleppResources.MEDIA_BUCKET, key, ETAG, "an old version's failure"));
		awaitMediaEventsDrained();
		assertThat(row(key)).containsEntry("processing_state", "pending").containsEntry("thumbnail_key", null);

		send(processed(key, current));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(row(key)).containsEntry("processing_state", "done"));
		assertThat(deadLettersAbout(key)).as("stale is not an error").isEmpty();
	}

	@Test
	void aResultForTheVersionS3HoldsIsRecordedEvenBeforeTheCatalogHearsOfThatVersion() {
		String key = pendingFile();
		stack.s3Client().putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(key).contentType("video/mp4"),
				RequestBody.fromString("overwritten bytes"));
		String current = await().atMost(Duration.ofSeconds(30)).until(() -> (String) row(key).get("etag"),
				etag -> etag != null);
		// The catalog has not heard of the overwrite yet: its row still names the version before.
		jdbc.sql("update media_file set etag = :old where object_key = :key").param("old", ETAG).param("key", key)
			.update();

		send(processed(key, current));

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(row(key)).containsEntry("processing_state", "done"));
	}

	@Test
	void aFailureOfTheVersionS3HoldsTakesTheOldVersionsPicturesAwayEvenBeforeTheCatalogHearsOfIt() {
		String key = pendingFile();
		stack.s3Client().putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(key).contentType("video/mp4"),
				RequestBody.fromString("bad new bytes"));
		String current = await().atMost(Duration.ofSeconds(30)).until(() -> (String) row(key).get("etag"),
				etag -> etag != null);
		// The catalog still knows the version before, processed; S3's event of the overwrite is still on its way.
		jdbc.sql("update media_file set etag = :old where object_key = :key").param("old", ETAG).param("key", key)
			.update();
		send(processed(key, ETAG));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(row(key)).containsEntry("processing_state", "done"));

		send(new MediaProcessingFailedV1(KleppResources.MEDIA_BUCKET, key, current, "not a media file"));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(row(key))
			.containsEntry("processing_state", "failed")
			.containsEntry("thumbnail_key", null)
			.containsEntry("preview_key", null)
			.containsEntry("width", null));
	}

	@Test
	void anOverwriteIsProcessedAgainAndEndsFailedWhenItsBytesAreBad() {
		String key = pendingFile();
		sendUpload(key, ETAG, "0000000000000001");
		send(processed(key, ETAG));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(row(key)).containsEntry("processing_state", "done"));

		// The same key written again (S3 has no object here, so nothing is current but what the events say).
		sendUpload(key, NEWER_ETAG, "0000000000000002");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(row(key))
			.containsEntry("etag", NEWER_ETAG)
			.containsEntry("processing_state", "pending")
			.containsEntry("thumbnail_key", null)
			.containsEntry("preview_key", null)
			.containsEntry("width", null));

		send(new MediaProcessingFailedV1(KleppResources.MEDIA_BUCKET, key, NEWER_ETAG, "not a media file"));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(row(key))
			.containsEntry("processing_state", "failed")
			.containsEntry("processing_error", "not a media file"));

		// the old version's result, delivered again late, is stale: the new version's failure stands
		send(processed(key, ETAG));
		awaitMediaEventsDrained();
		assertThat(row(key)).containsEntry("processing_state", "failed").containsEntry("thumbnail_key", null);
		assertThat(deadLettersAbout(key)).isEmpty();
	}

	@Test
	void aResultForARemovedObjectIsAcknowledgedAndWhatTheWorkerWroteIsQueuedForDeletion() {
		String key = "user-" + UUID.randomUUID() + "/removed-before-its-result.mp4"; // no row, no object

		send(processed(key, ETAG));

		await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
				"select count(*) from object_deletion where bucket = :b and object_key = :k and is_prefix")
			.param("b", KleppResources.DERIVED_BUCKET).param("k", key + "/").query(Long.class).single() == 1);
		awaitMediaEventsDrained();
		assertThat(deadLettersAbout(key)).isEmpty();
	}

	@Test
	void anObjectWrittenAtTheKeyOfADeletedFileIsDeletedAgainAndNeverListed() {
		String key = pendingFile();
		// what the API does when the file is deleted: the row goes, the key is final
		jdbc.sql("delete from media_file where object_key = :key").param("key", key).update();
		jdbc.sql("insert into object_tombstone (object_key, final) values (:key, true)").param("key", key).update();

		// a PUT with the deleted upload's presigned URL, still valid
		stack.s3Client().putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(key).contentType("video/mp4"),
				RequestBody.fromString("back again?"));

		await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
				"select count(*) from object_deletion where bucket = :b and object_key = :k and not is_prefix")
			.param("b", KleppResources.MEDIA_BUCKET).param("k", key).query(Long.class).single() == 1);
		// and whatever the worker may make of it, by exact key (never a prefix: ADR 15)
		assertThat(jdbc.sql("select object_key from object_deletion where bucket = :b and not is_prefix")
			.param("b", KleppResources.DERIVED_BUCKET).query(String.class).list())
			.containsAll(DerivedKeys.all(key));
		assertThat(jdbc.sql("select count(*) from media_file where object_key = :key").param("key", key)
			.query(Long.class).single()).isZero();
	}

	// ---- previews -----------------------------------------------------------------------------------------------

	@Test
	void aPreviewAfterTheProcessedEventIsRecordedWithANewVersionOfTheDerivedUrls() {
		String key = pendingFile();
		send(processedWithoutPreview(key, ETAG));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(row(key)).containsEntry("processing_state", "done"));
		assertThat(row(key)).containsEntry("preview_key", null);
		Object processedAt = previewRow(key).get("processed_at");

		send(previewReady(key, ETAG));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(previewRow(key))
			.containsEntry("preview_key", key + "/preview.mp4")
			.containsEntry("preview_etag", ETAG));
		assertThat(previewRow(key).get("processed_at")).as("the version of the derived objects' URLs")
			.isNotEqualTo(processedAt);
		assertThat(row(key)).containsEntry("processing_state", "done").containsEntry("thumbnail_key",
				key + "/thumbnail.jpg");
	}

	@Test
	void aProcessedEventWithoutAPreviewArrivingAfterThePreviewKeepsIt() {
		String key = pendingFile();
		send(previewReady(key, ETAG));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(row(key)).containsEntry("preview_key", key + "/preview.mp4"));
		assertThat(row(key)).as("the preview alone does not make the file processed")
			.containsEntry("processing_state", "pending");

		send(processedWithoutPreview(key, ETAG));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(row(key))
			.containsEntry("processing_state", "done")
			.containsEntry("thumbnail_key", key + "/thumbnail.jpg")
			.containsEntry("preview_key", key + "/preview.mp4"));

		// and again, as a redelivery or a regeneration sends it: still both
		send(processedWithoutPreview(key, ETAG));
		awaitMediaEventsDrained();
		assertThat(row(key)).containsEntry("processing_state", "done")
			.containsEntry("preview_key", key + "/preview.mp4");
	}

	@Test
	void aPreviewOfAnOlderVersionChangesNothingAndAnOverwriteForgetsThePreviewBefore() {
		String key = pendingFile();
		sendUpload(key, ETAG, "0000000000000001");
		send(previewReady(key, ETAG));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(row(key)).containsEntry("preview_key", key + "/preview.mp4"));

		sendUpload(key, NEWER_ETAG, "0000000000000002");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(previewRow(key))
			.containsEntry("preview_key", null)
			.containsEntry("preview_etag", null));

		// the old version's preview, delivered again late, is stale; so is its processed event
		send(previewReady(key, ETAG));
		send(processedWithoutPreview(key, ETAG));
		awaitMediaEventsDrained();
		assertThat(row(key)).containsEntry("etag", NEWER_ETAG)
			.containsEntry("processing_state", "pending")
			.containsEntry("preview_key", null);
		assertThat(deadLettersAbout(key)).as("stale is not an error").isEmpty();

		// while the new version's results are recorded, in either order
		send(previewReady(key, NEWER_ETAG));
		send(processedWithoutPreview(key, NEWER_ETAG));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(row(key))
			.containsEntry("processing_state", "done")
			.containsEntry("preview_key", key + "/preview.mp4"));
		assertThat(previewRow(key)).containsEntry("preview_etag", NEWER_ETAG);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
		"another file's preview    | preview_key alice/hidden.mp4/preview.mp4 is not <key>/preview.mp4",
		"another of its objects    | preview_key <key>/poster.jpg is not <key>/preview.mp4",
		"a preview in the bucket   | derived_bucket klepp-media is not the derived bucket",
		"another bucket            | bucket someone-elses-bucket is not the media bucket",
		"no width                  | width 0 is not between 1 and 16384",
	})
	void aForgedPreviewIsDeadLetteredWithItsReasonAndChangesNothing(String forgery, String reason) {
		String key = pendingFile();
		PreviewReadyV1 fine = previewReady(key, ETAG);
		PreviewReadyV1 forged = switch (forgery) {
			case "another file's preview" -> new PreviewReadyV1(fine.bucket(), key, ETAG, fine.derivedBucket(),
					"alice/hidden.mp4/preview.mp4", 480, 270, 3000L);
			case "another of its objects" -> new PreviewReadyV1(fine.bucket(), key, ETAG, fine.derivedBucket(),
					DerivedKeys.poster(key), 480, 270, 3000L);
			case "a preview in the bucket" -> new PreviewReadyV1(fine.bucket(), key, ETAG, KleppResources.MEDIA_BUCKET,
					fine.previewKey(), 480, 270, 3000L);
			case "another bucket" -> new PreviewReadyV1("someone-elses-bucket", key, ETAG, fine.derivedBucket(),
					fine.previewKey(), 480, 270, 3000L);
			case "no width" -> new PreviewReadyV1(fine.bucket(), key, ETAG, fine.derivedBucket(), fine.previewKey(), 0,
					270, 3000L);
			default -> throw new IllegalArgumentException(forgery);
		};

		send(forged);

		assertThat(awaitDeadLetterReason(key)).startsWith("refused worker result: " + reason.replace("<key>", key));
		assertThat(previewRow(key)).containsEntry("preview_key", null).containsEntry("preview_etag", null);
	}

	private static PreviewReadyV1 previewReady(String key, String etag) {
		return new PreviewReadyV1(KleppResources.MEDIA_BUCKET, key, etag, KleppResources.DERIVED_BUCKET,
				DerivedKeys.preview(key), 480, 270, 3000L);
	}

	/** What the worker sends now: the preview follows in its own event. */
	private static MediaProcessedV1 processedWithoutPreview(String key, String etag) {
		return new MediaProcessedV1(KleppResources.MEDIA_BUCKET, key, etag, 4096L, "video",
				KleppResources.DERIVED_BUCKET, key + "/thumbnail.jpg", 480, 270,
				new MediaMetadata(6000L, 1280, 720, "h264", 25.0, false, 800_000L, 0), key + "/poster.jpg", 1280, 720,
				null);
	}

	private Map<String, Object> previewRow(String key) {
		return jdbc.sql("select preview_key, preview_etag, processed_at from media_file where object_key = :key")
			.param("key", key).query().singleRow();
	}

	// ---- renditions ---------------------------------------------------------------------------------------------

	@Test
	void aRenditionOfTheCurrentVersionIsRecordedAndALateFailureOfItChangesNothing() {
		String key = pendingFile();

		send(rendition(key, ETAG, RenditionReadyV1.TRANSCODE, DerivedKeys.playable(key)));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(renditionRow(key))
			.containsEntry("rendition_state", "ready")
			.containsEntry("rendition_key", key + "/playable.mp4")
			.containsEntry("rendition_decision", "transcode")
			.containsEntry("rendition_etag", ETAG)
			.containsEntry("rendition_width", 1280));
		send(new RenditionFailedV1(KleppResources.MEDIA_BUCKET, key, ETAG, "an earlier attempt timed out"));
		awaitMediaEventsDrained();
		assertThat(renditionRow(key)).containsEntry("rendition_state", "ready").containsEntry("rendition_error", null);
	}

	@Test
	void aWebSafeOriginalIsRecordedWithoutARenditionAndAFailureOfAnotherFileIsItsOwn() {
		String original = pendingFile();
		String broken = pendingFile();

		send(rendition(original, ETAG, RenditionReadyV1.ORIGINAL, null));
		send(new RenditionFailedV1(KleppResources.MEDIA_BUCKET, broken, ETAG, "  not a video FFmpeg can open  "));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(renditionRow(original)).containsEntry("rendition_state", "original")
				.containsEntry("rendition_key", null);
			assertThat(renditionRow(broken)).containsEntry("rendition_state", "failed")
				.containsEntry("rendition_error", "not a video FFmpeg can open");
		});
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
		"another file's rendition  | rendition_key alice/hidden.mp4/playable.mp4 is not <key>/playable.mp4",
		"a rendition in the bucket | rendition_bucket klepp-media is not the derived bucket",
		"an original with a file   | an original needs no rendition_bucket or rendition_key",
		"an unknown decision       | decision copy is neither original, remux nor transcode",
	})
	void aForgedRenditionIsDeadLetteredWithItsReasonAndChangesNothing(String forgery, String reason) {
		String key = pendingFile();
		RenditionReadyV1 forged = switch (forgery) {
			case "another file's rendition" -> rendition(key, ETAG, RenditionReadyV1.REMUX, "alice/hidden.mp4/playable.mp4");
			case "a rendition in the bucket" -> new RenditionReadyV1(KleppResources.MEDIA_BUCKET, key, ETAG,
					RenditionReadyV1.REMUX, "forged", KleppResources.MEDIA_BUCKET, DerivedKeys.playable(key), 1, 2, 2,
					"h264", 1L);
			case "an original with a file" -> rendition(key, ETAG, RenditionReadyV1.ORIGINAL, DerivedKeys.playable(key));
			case "an unknown decision" -> rendition(key, ETAG, "copy", DerivedKeys.playable(key));
			default -> throw new IllegalArgumentException(forgery);
		};

		send(forged);

		assertThat(awaitDeadLetterReason(key)).startsWith("refused worker result: " + reason.replace("<key>", key));
		assertThat(renditionRow(key)).containsEntry("rendition_state", null);
	}

	@Test
	void anOverwriteForgetsTheRenditionOfTheBytesBefore() {
		String key = pendingFile();
		send(rendition(key, ETAG, RenditionReadyV1.REMUX, DerivedKeys.playable(key)));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(renditionRow(key)).containsEntry("rendition_state", "ready"));

		sendUpload(key, "0123456789abcdef0123456789abcdef", "00F0");

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(renditionRow(key))
			.containsEntry("rendition_state", null)
			.containsEntry("rendition_key", null));
	}

	@Test
	void transcodingProgressOfTheCurrentVersionIsKeptNeverBackwardsAndNotAfterTheResult() {
		String key = pendingFile();
		sendUpload(key, ETAG, "00A0");
		await().atMost(Duration.ofSeconds(30)).until(() -> ETAG.equals(row(key).get("etag")));

		send(new RenditionProgressedV1(KleppResources.MEDIA_BUCKET, key, ETAG, 30));
		await().atMost(Duration.ofSeconds(30)).until(() -> Integer.valueOf(30).equals(progressRow(key).get("rendition_progress")));
		// late or out of order: an earlier report, one about another version
		send(new RenditionProgressedV1(KleppResources.MEDIA_BUCKET, key, ETAG, 20));
		send(new RenditionProgressedV1(KleppResources.MEDIA_BUCKET, key, NEWER_ETAG, 90));
		awaitMediaEventsDrained();
		assertThat(progressRow(key)).containsEntry("rendition_progress", 30).containsEntry("rendition_progress_etag", ETAG);

		send(rendition(key, ETAG, RenditionReadyV1.TRANSCODE, DerivedKeys.playable(key)));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(renditionRow(key)).containsEntry("rendition_state", "ready"));
		send(new RenditionProgressedV1(KleppResources.MEDIA_BUCKET, key, ETAG, 60));
		awaitMediaEventsDrained();
		assertThat(progressRow(key)).containsEntry("rendition_progress", 30);
	}

	private Map<String, Object> progressRow(String key) {
		return jdbc.sql("select rendition_progress, rendition_progress_etag from media_file where object_key = :key")
			.param("key", key).query().singleRow();
	}

	private static RenditionReadyV1 rendition(String key, String etag, String decision, String renditionKey) {
		return new RenditionReadyV1(KleppResources.MEDIA_BUCKET, key, etag, decision, "test",
				renditionKey == null ? null : KleppResources.DERIVED_BUCKET, renditionKey, 4096L, 1280, 720, "h264",
				6000L);
	}

	private Map<String, Object> renditionRow(String key) {
		return jdbc.sql("""
				select rendition_state, rendition_etag, rendition_decision, rendition_key, rendition_error,
				       rendition_width
				from media_file where object_key = :key""").param("key", key).query().singleRow();
	}

	// ---- forgeries ----------------------------------------------------------------------------------------------

	private MediaProcessedV1 forge(String forgery, String key) {
		MediaMetadata clip = new MediaMetadata(6000L, 1280, 720, "h264", 25.0, false, 800_000L, 0);
		Function<MediaMetadata, MediaProcessedV1> withMetadata = media -> new MediaProcessedV1(
				KleppResources.MEDIA_BUCKET, key, ETAG, 4096L, "video", KleppResources.DERIVED_BUCKET,
				key + "/thumbnail.jpg", 480, 270, media, key + "/poster.jpg", 1280, 720, key + "/preview.mp4");
		MediaProcessedV1 fine = withMetadata.apply(clip);
		return switch (forgery) {
			case "another bucket" -> new MediaProcessedV1("someone-elses-bucket", key, ETAG, 4096L, "video",
					KleppResources.DERIVED_BUCKET, fine.thumbnailKey(), 480, 270, clip, fine.posterKey(), 1280, 720,
					fine.previewKey());
			case "another derived bucket" -> new MediaProcessedV1(KleppResources.MEDIA_BUCKET, key, ETAG, 4096L,
					"video", KleppResources.MEDIA_BUCKET, fine.thumbnailKey(), 480, 270, clip, fine.posterKey(), 1280,
					720, fine.previewKey());
			case "another file's preview" -> new MediaProcessedV1(KleppResources.MEDIA_BUCKET, key, ETAG, 4096L,
					"video", KleppResources.DERIVED_BUCKET, fine.thumbnailKey(), 480, 270, clip, fine.posterKey(), 1280,
					720, "alice/hidden.mp4/preview.mp4");
			case "a way out of the file" -> new MediaProcessedV1(KleppResources.MEDIA_BUCKET, key, ETAG, 4096L,
					"video", KleppResources.DERIVED_BUCKET, fine.thumbnailKey(), 480, 270, clip,
					key + "/../../alice/hidden.mp4/poster.jpg", 1280, 720, null);
			case "negative size" -> new MediaProcessedV1(KleppResources.MEDIA_BUCKET, key, ETAG, -4096L, "video",
					KleppResources.DERIVED_BUCKET, fine.thumbnailKey(), 480, 270, clip, fine.posterKey(), 1280, 720,
					fine.previewKey());
			case "no width" -> withMetadata.apply(new MediaMetadata(6000L, 0, 720, "h264", 25.0, false, 800_000L, 0));
			case "a huge thumbnail" -> new MediaProcessedV1(KleppResources.MEDIA_BUCKET, key, ETAG, 4096L, "video",
					KleppResources.DERIVED_BUCKET, fine.thumbnailKey(), 20000, 270, clip, fine.posterKey(), 1280, 720,
					fine.previewKey());
			case "too many pixels" ->
				withMetadata.apply(new MediaMetadata(6000L, 16000, 16000, "h264", 25.0, false, 800_000L, 0));
			case "negative duration" ->
				withMetadata.apply(new MediaMetadata(-1L, 1280, 720, "h264", 25.0, false, 800_000L, 0));
			case "a rotation players do not know" ->
				withMetadata.apply(new MediaMetadata(6000L, 1280, 720, "h264", 25.0, false, 800_000L, 45));
			case "a poster without its size" -> new MediaProcessedV1(KleppResources.MEDIA_BUCKET, key, ETAG, 4096L,
					"video", KleppResources.DERIVED_BUCKET, fine.thumbnailKey(), 480, 270, clip, fine.posterKey(), null,
					null, fine.previewKey());
			default -> throw new IllegalArgumentException(forgery);
		};
	}

	// ---- helpers ------------------------------------------------------------------------------------------------

	private MediaProcessedV1 processed(String key, String etag) {
		return new MediaProcessedV1(KleppResources.MEDIA_BUCKET, key, etag, 4096L, "video",
				KleppResources.DERIVED_BUCKET, key + "/thumbnail.jpg", 480, 270,
				new MediaMetadata(6000L, 1280, 720, "h264", 25.0, false, 800_000L, 0), key + "/poster.jpg", 1280, 720,
				key + "/preview.mp4");
	}

	private String pendingFile() {
		return PendingFiles.create(jdbc);
	}

	private void send(KleppEvent event) {
		String body = codec.encode(EventEnvelope.of("urn:test", null, event));
		stack.sqsClient()
			.sendMessage(m -> m.queueUrl(stack.queueUrl(KleppResources.MEDIA_EVENTS_QUEUE)).messageBody(body));
	}

	private void sendUpload(String key, String etag, String sequencer) {
		String body = s3Events.toJson(new S3ObjectEvent("ObjectCreated:Put", Instant.now(), KleppResources.MEDIA_BUCKET,
				key, 4096L, etag, null, sequencer), Devstack.REGION);
		stack.sqsClient()
			.sendMessage(m -> m.queueUrl(stack.queueUrl(KleppResources.INGESTOR_UPLOADS_QUEUE)).messageBody(body));
	}

	private Map<String, Object> row(String key) {
		return jdbc.sql("""
				select etag, processing_state, processing_error, thumbnail_key, preview_key, width
				from media_file where object_key = :key""").param("key", key).query().singleRow();
	}

	private void awaitMediaEventsDrained() {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(stack.messagesIn(KleppResources.MEDIA_EVENTS_QUEUE)).isZero());
	}

	private static final List<Message> deadLetters = new ArrayList<>();

	/** Reads (and removes) what is in the events' dead-letter queue, so no other test finds it there. */
	private synchronized List<Message> deadLettersAbout(String key) {
		String url = stack.queueUrl(KleppResources.deadLetterQueue(KleppResources.MEDIA_EVENTS_QUEUE));
		List<Message> received;
		do {
			received = stack.sqsClient()
				.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).messageAttributeNames("All"))
				.messages();
			for (Message m : received) {
				deadLetters.add(m);
				stack.sqsClient().deleteMessage(d -> d.queueUrl(url).receiptHandle(m.receiptHandle()));
			}
		}
		while (!received.isEmpty());
		return deadLetters.stream().filter(m -> m.body().contains(key)).toList();
	}

	private String awaitDeadLetterReason(String key) {
		Message message = await().atMost(Duration.ofSeconds(30))
			.until(() -> deadLettersAbout(key), found -> !found.isEmpty())
			.get(0);
		return message.messageAttributes().get(PoisonMessages.REASON_ATTRIBUTE).stringValue();
	}

}
