package me.klepp.api.files;

import java.time.Duration;

import me.klepp.api.support.ApiIntegrationTest;
import me.klepp.api.support.Catalog;
import me.klepp.devstack.Devstack;
import me.klepp.devstack.KleppResources;
import me.klepp.events.DerivedKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Editing and deleting: who may, what changes, and that deleting leaves nothing behind in S3. */
class FileChangesTest extends ApiIntegrationTest {

	final S3Client s3 = Devstack.shared().s3Client();

	String alice;

	String bob;

	@BeforeEach
	void users() {
		alice = Catalog.uniqueUser("alice");
		bob = Catalog.uniqueUser("bob");
	}

	@Test
	void theOwnerRenamesHidesAndRetagsAFile() {
		String key = catalog.file(alice, "old name").save();

		patch(alice, "{\"path\":\"" + key + "\",\"display_name\":\"  New name \",\"hidden\":true,"
				+ "\"tags\":[{\"name\":\"Rocket  League\"},{\"name\":\"rocket league\"},{\"name\":\"ace\"}]}")
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.display_name").isEqualTo("New name")
			.jsonPath("$.hidden").isEqualTo(true)
			.jsonPath("$.tags[0].name").isEqualTo("ace")
			.jsonPath("$.tags[1].name").isEqualTo("rocket league")
			.jsonPath("$.tags.length()").isEqualTo(2);

		patch(alice, "{\"path\":\"" + key + "\",\"tags\":[]}").expectStatus().isOk()
			.expectBody().jsonPath("$.tags").isEmpty().jsonPath("$.display_name").isEqualTo("New name");
	}

	@Test
	void othersMayNotChangeAFileButModeratorsMay() {
		String visible = catalog.file(alice, "visible").save();
		String hidden = catalog.file(alice, "hidden").hidden().save();

		patch(bob, "{\"path\":\"" + visible + "\",\"hidden\":true}").expectStatus().isForbidden()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
		patch(bob, "{\"path\":\"" + hidden + "\",\"hidden\":false}").expectStatus().isNotFound();
		delete(api.as(bob), visible).expectStatus().isForbidden();
		delete(api.as(bob), hidden).expectStatus().isNotFound();
		patch("mod-" + bob, "{\"path\":\"" + hidden + "\",\"hidden\":false}", "admin").expectStatus().isOk();

		api.anonymous().get().uri("/api/v2/files/" + visible).exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.hidden").isEqualTo(false);
	}

	@Test
	void invalidEditsAreRefused() {
		String key = catalog.file(alice, "name").save();
		for (String body : new String[] { "{\"path\":\"" + key + "\",\"display_name\":\"\"}",
				"{\"path\":\"" + key + "\",\"display_name\":\"" + "x".repeat(101) + "\"}",
				"{\"path\":\"" + key + "\",\"display_name\":\"bell\\u0007\"}",
				"{\"path\":\"" + key + "\",\"tags\":[{\"name\":\"!!!\"}]}", "{\"hidden\":true}", "not json" }) {
			var result = patch(alice, body).returnResult(String.class);
			assertThat(result.getStatus().value()).as(body).isEqualTo(400);
			assertThat(result.getResponseHeaders().getContentType()).as(body).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		}
		patch(alice, "{\"path\":\"" + alice + "/missing.mp4\",\"hidden\":true}").expectStatus().isNotFound();
	}

	@Test
	void deletingRemovesTheRowTheUploadAndEveryDerivedObject() {
		String key = catalog.file(alice, "to delete").save();
		s3.putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(key), RequestBody.fromString("video"));
		s3.putObject(p -> p.bucket(KleppResources.DERIVED_BUCKET).key(key + "/thumbnail.jpg"), RequestBody.fromString("t"));
		s3.putObject(p -> p.bucket(KleppResources.DERIVED_BUCKET).key(key + "/preview.mp4"), RequestBody.fromString("p"));

		delete(api.as(alice), key).expectStatus().isOk().expectBody().jsonPath("$.path").isEqualTo(key);

		api.as(alice).get().uri("/api/v2/files/" + key).exchange().expectStatus().isNotFound();
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			assertThat(s3.listObjectsV2(l -> l.bucket(KleppResources.MEDIA_BUCKET).prefix(key)).contents()).isEmpty();
			assertThat(s3.listObjectsV2(l -> l.bucket(KleppResources.DERIVED_BUCKET).prefix(key)).contents()).isEmpty();
			// The outbox row goes after S3 confirms, so it is awaited with the objects, not after them.
			assertThat(db.sql("select count(*) as n from object_deletion where object_key like :key")
				.bind("key", key + "%").map(row -> row.get("n", Long.class)).one().block()).isZero();
		});
	}

	@Test
	void aDeletionS3RefusesStaysQueuedWithItsErrorUntilItSucceeds() {
		String bucket = "klepp-outbox-test-" + System.nanoTime();
		db.sql("insert into object_deletion (bucket, object_key) values (:bucket, 'a/b.mp4')").bind("bucket", bucket)
			.then().block();

		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
				db.sql("select attempts, last_error from object_deletion where bucket = :bucket").bind("bucket", bucket)
					.map(row -> row.get("attempts", Integer.class) + " " + row.get("last_error", String.class))
					.one().block()).startsWith("1 "));

		s3.createBucket(c -> c.bucket(bucket));
		s3.putObject(p -> p.bucket(bucket).key("a/b.mp4"), RequestBody.fromString("orphan-to-be"));
		db.sql("update object_deletion set next_attempt_at = now() where bucket = :bucket").bind("bucket", bucket)
			.then().block();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(db.sql("select count(*) as n from object_deletion where bucket = :bucket").bind("bucket", bucket)
				.map(row -> row.get("n", Long.class)).one().block()).isZero();
			assertThat(s3.listObjectsV2(l -> l.bucket(bucket)).contents()).isEmpty();
		});
	}

	@Test
	void deletingAFileKeyedLikeAUsersAvatarFolderDeletesItsDerivedObjectsButNotTheirAvatar() {
		catalog.user(alice);
		String avatar = DerivedKeys.avatar(alice, java.util.UUID.randomUUID());
		s3.putObject(p -> p.bucket(KleppResources.DERIVED_BUCKET).key(avatar), RequestBody.fromString("jpeg"));
		db.sql("update app_user set avatar_key = :key where name = :name").bind("key", avatar).bind("name", alice)
			.then().block();
		// An object put straight into the bucket under a key that is alice's avatar folder, registered unclaimed.
		String lookalike = "avatars/" + alice;
		db.sql("""
				insert into media_file (id, object_key, unclaimed_owner, display_name, content_type, media_kind,
				    upload_state, uploaded_at)
				values (:id, :key, 'avatars', 'lookalike', 'image/png', 'image', 'uploaded', now())""")
			.bind("id", java.util.UUID.randomUUID()).bind("key", lookalike).then().block();
		s3.putObject(p -> p.bucket(KleppResources.DERIVED_BUCKET).key(DerivedKeys.thumbnail(lookalike)),
				RequestBody.fromString("t"));

		delete(api.as("mod-" + alice, "admin"), lookalike).expectStatus().isOk();

		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			assertThat(db.sql("select count(*) as n from object_deletion where object_key like :key")
				.bind("key", lookalike + "%").map(row -> row.get("n", Long.class)).one().block()).isZero();
			assertThat(s3.listObjectsV2(l -> l.bucket(KleppResources.DERIVED_BUCKET).prefix(lookalike + "/"))
				.contents()).extracting(o -> o.key()).containsExactly(avatar);
		});
		api.anonymous().get().uri("/api/v2/users/" + alice).exchange().expectBody()
			.jsonPath("$.thumbnail_uri").isNotEmpty();
	}

	private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec patch(String user, String body,
			String... groups) {
		return api.as(user, groups).patch().uri("/api/v2/files").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body).exchange();
	}

	private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec delete(
			org.springframework.test.web.reactive.server.WebTestClient client, String key) {
		return client.method(HttpMethod.DELETE).uri("/api/v2/files").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"path\":\"" + key + "\"}").exchange();
	}

}
