package me.klepp.api.uploads;

import java.time.Duration;

import me.klepp.api.storage.S3Properties;
import me.klepp.api.support.ApiIntegrationTest;
import me.klepp.api.support.Catalog;
import me.klepp.devstack.Devstack;
import me.klepp.devstack.KleppResources;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;

/** Rate limits on starting uploads, and the expiry of uploads that were announced but never made. */
@TestPropertySource(properties = "klepp.uploads.per-user-per-minute=3")
class UploadHygieneTest extends ApiIntegrationTest {

	@Autowired
	S3Properties buckets;

	final S3Client s3 = Devstack.shared().s3Client();

	@Test
	void startingMoreUploadsThanTheLimitIs429WithRetryAfterForThatUserOnly() {
		String alice = Catalog.uniqueUser("alice");
		for (int i = 0; i < 3; i++) {
			announce(alice).expectStatus().isCreated();
		}
		announce(alice).expectStatus().isEqualTo(429)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader().exists("Retry-After");
		announce(Catalog.uniqueUser("bob")).expectStatus().isCreated();
	}

	@Test
	void announcedUploadsThatNeverArrivedExpireAndIncompleteMultipartUploadsAreAborted() {
		String alice = Catalog.uniqueUser("alice");
		String neverUploaded = catalog.file(alice, "never").pending().save();
		String uploadedButUnconfirmed = catalog.file(alice, "late event").pending().save();
		s3.putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(uploadedButUnconfirmed), RequestBody.fromString("x"));
		String abandonedKey = alice + "/abandoned.mp4";
		s3.createMultipartUpload(c -> c.bucket(KleppResources.MEDIA_BUCKET).key(abandonedKey));

		var cleanup = new StaleUploads(db, s3, buckets, new UploadProperties(null, null, Duration.ZERO, null));
		var expired = cleanup.expire().block();

		assertThat(expired).contains(neverUploaded).doesNotContain(uploadedButUnconfirmed);
		assertThat(count(neverUploaded)).isZero();
		assertThat(count(uploadedButUnconfirmed)).isEqualTo(1);
		assertThat(s3.listMultipartUploads(l -> l.bucket(KleppResources.MEDIA_BUCKET).prefix(alice + "/")).uploads())
			.isEmpty();
	}

	private long count(String key) {
		return db.sql("select count(*) as n from media_file where object_key = :k").bind("k", key)
			.map(row -> row.get("n", Long.class)).one().block();
	}

	private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec announce(String user) {
		return api.as(user).post().uri("/api/v2/uploads").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"filename\":\"a.mp4\",\"content_type\":\"video/mp4\",\"size\":10}").exchange();
	}

}
