package me.klepp.api.files;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.UUID;

import me.klepp.api.support.ApiIntegrationTest;
import me.klepp.api.support.Catalog;
import me.klepp.devstack.Devstack;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * total_count stays exact although the API remembers counts ({@link FeedCounts}): after every kind of change,
 * whoever makes it, and when a count is taken while a writer has not committed yet.
 */
class FeedTotalCountTest extends ApiIntegrationTest {

	String alice;

	@BeforeEach
	void setUp() {
		alice = Catalog.uniqueUser("alice");
	}

	@Test
	void followsChangesMadeOutsideTheApi() {
		String first = catalog.file(alice, "one").save();
		catalog.file(alice, "two").save();
		assertThat(total(api.anonymous(), "")).isEqualTo(2);
		assertThat(total(api.anonymous(), "")).as("remembered").isEqualTo(2);

		catalog.file(alice, "three").save();
		assertThat(total(api.anonymous(), "")).as("a new row").isEqualTo(3);

		sql("update media_file set hidden = true where object_key = '" + first + "'");
		assertThat(total(api.anonymous(), "")).as("hidden").isEqualTo(2);
		assertThat(total(api.as(alice), "")).as("the owner still counts it").isEqualTo(3);

		String tag = "t-" + UUID.randomUUID().toString().substring(0, 8);
		UUID tagId = UUID.randomUUID();
		sql("insert into tag (id, name) values ('" + tagId + "', '" + tag + "')");
		assertThat(total(api.as(alice), "tag=" + tag)).isZero();
		sql("insert into media_file_tag (file_id, tag_id) select id, '" + tagId + "' from media_file where object_key = '"
				+ first + "'");
		assertThat(total(api.as(alice), "tag=" + tag)).as("tagged").isEqualTo(1);

		assertThat(total(api.as(alice), "liked_by=me")).isZero();
		sql("insert into media_like (file_id, user_id) select f.id, u.id from media_file f, app_user u "
				+ "where f.object_key = '" + first + "' and lower(u.name) = lower('" + alice + "')");
		assertThat(total(api.as(alice), "liked_by=me")).as("liked").isEqualTo(1);

		sql("update media_file set upload_state = 'pending' where object_key = '" + first + "'");
		assertThat(total(api.as(alice), "")).as("no longer listed").isEqualTo(2);
		sql("delete from media_file where object_key = '" + first + "'");
		assertThat(total(api.as(alice), "tag=" + tag)).as("deleted").isZero();
	}

	@Test
	void aCountTakenWhileAWriterIsInFlightIsNotReusedOnceItCommits() throws Exception {
		catalog.file(alice, "one").save();
		String owner = catalog.user(alice).toString();
		try (Connection writer = DriverManager.getConnection(Devstack.shared().jdbcUrl(), "postgres", "")) {
			writer.setAutoCommit(false);
			try (PreparedStatement insert = writer.prepareStatement("""
					insert into media_file (id, object_key, owner_id, display_name, content_type, media_kind,
					    upload_state, uploaded_at, processing_state, video_codec)
					values (?, ?, ?::uuid, 'in flight', 'video/mp4', 'video', 'uploaded', now(), 'done', 'h264')""")) {
				UUID id = UUID.randomUUID();
				insert.setObject(1, id);
				insert.setString(2, alice + "/" + id + ".mp4");
				insert.setString(3, owner);
				insert.executeUpdate();
			}
			assertThat(total(api.anonymous(), "")).as("not committed yet").isEqualTo(1);
			assertThat(total(api.anonymous(), "")).isEqualTo(1);
			writer.commit();
		}
		assertThat(total(api.anonymous(), "")).as("committed").isEqualTo(2);
	}

	private long total(WebTestClient client, String query) {
		byte[] body = client.get()
			.uri("/api/v2/files?username=" + alice + (query.isEmpty() ? "" : "&" + query))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		return json(body).get("total_count").asLong();
	}

	private void sql(String statement) {
		db.sql(statement).then().block();
	}

}
