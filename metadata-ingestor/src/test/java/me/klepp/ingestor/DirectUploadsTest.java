package me.klepp.ingestor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import me.klepp.devstack.Devstack;
import me.klepp.devstack.KleppResources;
import me.klepp.events.DerivedKeys;
import me.klepp.events.s3.S3NotificationWriter;
import me.klepp.events.s3.S3ObjectEvent;
import me.klepp.ingestor.reconcile.Reconciler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Objects that reach the bucket without the API (ShareX's S3 destination) become ordinary catalog rows. */
@SpringBootTest(properties = "klepp.ingestor.direct-uploads.allowed-owners=invited-friend")
class DirectUploadsTest {

	static final Devstack stack = Devstack.shared();

	@DynamicPropertySource
	static void devstack(DynamicPropertyRegistry registry) {
		stack.springProperties().forEach((key, value) -> registry.add(key, () -> value));
	}

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Reconciler reconciler;

	final S3Client s3 = stack.s3Client();

	final S3NotificationWriter events = new S3NotificationWriter();

	@Test
	void aShareXUploadOfAKnownUserIsRegisteredWithItsKeyExactlyAsWritten() {
		String user = knownUser();
		String key = user + "/2026/01/ShareX_Ab+Cd é%20x.mp4";
		s3.putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(key).contentType("video/mp4"),
				RequestBody.fromString("clip bytes"));

		Map<String, Object> row = awaitRow(key);

		assertThat(row).containsEntry("display_name", "ShareX_Ab+Cd é%20x")
			.containsEntry("media_kind", "video")
			.containsEntry("upload_state", "uploaded")
			.containsEntry("size_bytes", 10L)
			.containsEntry("owner", user);
		assertThat(row.get("unclaimed_owner")).isNull();
	}

	@Test
	void anUnknownOwnerIsKeptAsUnclaimedAndAnAllowedOneBecomesAUser() {
		String stranger = "stranger-" + UUID.randomUUID().toString().substring(0, 8);
		s3.putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(stranger + "/shot.png"),
				RequestBody.fromString("png"));
		s3.putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key("invited-friend/shot.png"),
				RequestBody.fromString("png"));

		Map<String, Object> unclaimed = awaitRow(stranger + "/shot.png");
		assertThat(unclaimed.get("owner")).isNull();
		assertThat(unclaimed).containsEntry("unclaimed_owner", stranger).containsEntry("media_kind", "image");
		assertThat(awaitRow("invited-friend/shot.png")).containsEntry("owner", "invited-friend");
	}

	@Test
	void aRemovedObjectLeavesTheCatalogAndItsDerivedObjectsAreQueuedForDeletion() {
		String key = knownUser() + "/gone.mp4";
		s3.putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(key), RequestBody.fromString("x"));
		awaitRow(key);

		s3.deleteObject(d -> d.bucket(KleppResources.MEDIA_BUCKET).key(key));

		await().atMost(Duration.ofSeconds(20)).until(() -> count("media_file", key) == 0);
		assertThat(jdbc.sql("""
				select object_key from object_deletion where bucket = :b and object_key like :k and not is_prefix""")
			.param("b", KleppResources.DERIVED_BUCKET).param("k", key + "/%").query(String.class).list())
			.containsExactlyInAnyOrderElementsOf(DerivedKeys.all(key));
	}

	@Test
	void removingAnUnclaimedObjectNamedLikeAUsersAvatarFolderQueuesNoneOfTheirAvatars() {
		String user = knownUser();
		String avatar = DerivedKeys.avatar(user, UUID.randomUUID());
		String lookalike = "avatars/" + user;
		s3.putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(lookalike).contentType("image/png"),
				RequestBody.fromString("png"));
		awaitRow(lookalike);

		s3.deleteObject(d -> d.bucket(KleppResources.MEDIA_BUCKET).key(lookalike));

		await().atMost(Duration.ofSeconds(20)).until(() -> count("media_file", lookalike) == 0);
		assertThat(jdbc.sql("""
				select object_key from object_deletion
				where bucket = :b and (object_key = :avatar or (is_prefix and starts_with(:avatar, object_key)))""")
			.param("b", KleppResources.DERIVED_BUCKET).param("avatar", avatar).query(String.class).list())
			.as("deletions that would take the avatar").isEmpty();
		assertThat(jdbc.sql("select object_key from object_deletion where bucket = :b and object_key like :k")
			.param("b", KleppResources.DERIVED_BUCKET).param("k", lookalike + "/%").query(String.class).list())
			.containsExactlyInAnyOrderElementsOf(DerivedKeys.all(lookalike));
	}

	@Test
	void duplicateAndOutOfOrderEventsConvergeOnWhatHappenedLast() {
		String user = knownUser();
		String kept = user + "/kept.mp4";
		String removed = user + "/removed.mp4";
		s3.putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(kept), RequestBody.fromString("kept"));
		s3.putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(removed), RequestBody.fromString("gone"));
		awaitRow(kept);
		awaitRow(removed);
		s3.deleteObject(d -> d.bucket(KleppResources.MEDIA_BUCKET).key(removed));
		await().atMost(Duration.ofSeconds(20)).until(() -> count("media_file", removed) == 0);

		// Replays of old creations: three times each, a removal from long ago, and a creation older than the removal.
		for (int i = 0; i < 3; i++) {
			send(created(kept, "0000000000000001"));
			send(created(removed, "0000000000000001"));
		}
		send(new S3ObjectEvent("ObjectRemoved:Delete", Instant.now(), KleppResources.MEDIA_BUCKET, kept, null, null,
				null, "0000000000000002"));
		String marker = user + "/marker.mp4";
		s3.putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(marker), RequestBody.fromString("m"));
		awaitRow(marker);
		await().atMost(Duration.ofSeconds(20)).until(this::uploadsQueueIsEmpty);

		assertThat(count("media_file", kept)).isEqualTo(1);
		assertThat(awaitRow(kept)).containsEntry("size_bytes", 4L);
		assertThat(count("media_file", removed)).isZero();
	}

	@Test
	void reconcileRegistersObjectsThatMissedTheirEventAndReportsRowsWithoutObjects() {
		String user = knownUser();
		String missed = user + "/before-notifications.mp4";
		s3.putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(missed), RequestBody.fromString("old"));
		awaitRow(missed);
		// The catalog loses the row, as if the event had never arrived (or predated the notifications).
		jdbc.sql("delete from media_file where object_key = :k").param("k", missed).update();
		String ghost = user + "/ghost.mp4";
		jdbc.sql("""
				insert into media_file (id, object_key, display_name, media_kind, upload_state, uploaded_at)
				values (:id, :k, 'ghost', 'video', 'uploaded', now() - interval '1 hour')""")
			.param("id", UUID.randomUUID()).param("k", ghost).update();

		Reconciler.Report first = reconciler.run();
		Reconciler.Report second = reconciler.run();

		assertThat(first.registered()).contains(missed);
		assertThat(first.missing()).contains(ghost);
		assertThat(second.registered()).doesNotContain(missed);
		assertThat(count("media_file", missed)).isEqualTo(1);
		assertThat(awaitRow(missed)).containsEntry("owner", user).containsEntry("size_bytes", 3L);
		// both workers missed its S3 event too: each is asked for its derived objects once
		for (String queue : List.of(KleppResources.THUMBNAIL_REQUESTS_QUEUE, KleppResources.RENDITION_REQUESTS_QUEUE)) {
			assertThat(requestsFor(queue, missed)).as(queue).isEqualTo(1);
		}
	}

	/** Regeneration requests for {@code key} on {@code queue} (no worker reads it here), taken off it. */
	private int requestsFor(String queue, String key) {
		var sqs = stack.sqsClient();
		String url = stack.queueUrl(queue);
		int found = 0;
		List<software.amazon.awssdk.services.sqs.model.Message> messages;
		while (!(messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
			.messages()).isEmpty()) {
			for (var message : messages) {
				if (new me.klepp.events.EventCodec().decode(message.body())
					.data() instanceof me.klepp.events.MediaRegenerationRequestedV1 request && key.equals(request.key())) {
					found++;
					sqs.deleteMessage(d -> d.queueUrl(url).receiptHandle(message.receiptHandle()));
				}
			}
		}
		return found;
	}

	private String knownUser() {
		String name = "sharex-" + UUID.randomUUID().toString().substring(0, 8);
		jdbc.sql("insert into app_user (id, name) values (:id, :name)").param("id", UUID.randomUUID())
			.param("name", name).update();
		return name;
	}

	private Map<String, Object> awaitRow(String key) {
		return await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
				select f.display_name, f.media_kind, f.upload_state, f.size_bytes, f.unclaimed_owner, u.name as owner
				from media_file f left join app_user u on u.id = f.owner_id where f.object_key = :key""")
			.param("key", key).query().listOfRows().stream().findFirst().orElse(null), row -> row != null);
	}

	private long count(String table, String key) {
		return jdbc.sql("select count(*) from " + table + " where object_key = :key").param("key", key)
			.query(Long.class).single();
	}

	private S3ObjectEvent created(String key, String sequencer) {
		return new S3ObjectEvent("ObjectCreated:Put", Instant.now(), KleppResources.MEDIA_BUCKET, key, 999L,
				"00000000000000000000000000000000", null, sequencer);
	}

	private void send(S3ObjectEvent event) {
		stack.sqsClient().sendMessage(m -> m.queueUrl(stack.queueUrl(KleppResources.INGESTOR_UPLOADS_QUEUE))
			.messageBody(events.toJson(event, Devstack.REGION)));
	}

	private boolean uploadsQueueIsEmpty() {
		return stack.messagesIn(KleppResources.INGESTOR_UPLOADS_QUEUE) == 0;
	}

}
