package me.klepp.api.uploads;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import me.klepp.api.support.ApiIntegrationTest;
import me.klepp.devstack.Devstack;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Presigned uploads against the real stack: S3Proxy checks the signature exactly as S3 does. */
class PresignedUploadTest extends ApiIntegrationTest {

	static final Devstack stack = Devstack.shared();

	final HttpClient http = HttpClient.newHttpClient();

	WebTestClient client() {
		return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
	}

	@Test
	void announcedUploadIsAPendingFileOwnedByTheCallerWithAPresignedPut() throws Exception {
		byte[] bytes = "not really a video, S3 does not care".getBytes();
		var ticket = announce(stack.accessToken("alice"), "My clutch.MP4", "video/mp4", bytes.length).expectStatus()
			.isCreated()
			.expectBody(UploadTicket.class)
			.returnResult()
			.getResponseBody();

		assertThat(ticket.path()).matches("alice/[0-9a-f-]{36}\\.mp4");
		assertThat(ticket.method()).isEqualTo("PUT");
		assertThat(ticket.headers()).containsEntry("Content-Type", "video/mp4").containsEntry("If-None-Match", "*");
		assertThat(ticket.expiresAt()).isInTheFuture();
		assertThat(put(ticket, ticket.headers().get("Content-Type"), bytes).statusCode()).isEqualTo(200);

		var stored = stack.s3Client().headObject(h -> h.bucket("klepp-media").key(ticket.path()));
		assertThat(stored.contentType()).isEqualTo("video/mp4");
		assertThat(stored.contentLength()).isEqualTo(bytes.length);
		Map<String, Object> row = db.sql("""
				select f.display_name, f.upload_state, f.media_kind, u.name as owner
				from media_file f join app_user u on u.id = f.owner_id where f.object_key = :key""")
			.bind("key", ticket.path())
			.fetch()
			.one()
			.block();
		assertThat(row).containsEntry("display_name", "My clutch")
			.containsEntry("owner", "alice")
			.containsEntry("media_kind", "video")
			.containsEntry("upload_state", "pending");
	}

	@Test
	void s3RefusesAPresignedPutSentWithAnotherContentType() throws Exception {
		byte[] bytes = new byte[] { 1, 2, 3 };
		var ticket = announce(stack.accessToken("bob"), "shot.png", "image/png", bytes.length).expectStatus()
			.isCreated()
			.expectBody(UploadTicket.class)
			.returnResult()
			.getResponseBody();

		var refused = put(ticket, "text/html", bytes);

		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("SignatureDoesNotMatch");
		assertThat(stack.s3Client().listObjectsV2(l -> l.bucket("klepp-media").prefix(ticket.path())).contents())
			.isEmpty();
	}

	/** S3Proxy 4.1.0 (the devstack's S3) honours {@code If-None-Match: *} on PUT as S3 does (docs/adr/0016). */
	@Test
	void aPresignedUrlWritesItsObjectOnceAndCannotOverwriteIt() throws Exception {
		byte[] first = "first bytes".getBytes();
		var ticket = announce(stack.accessToken("carol"), "once.mp4", "video/mp4", first.length).expectStatus()
			.isCreated()
			.expectBody(UploadTicket.class)
			.returnResult()
			.getResponseBody();
		assertThat(put(ticket, ticket.headers().get("Content-Type"), first).statusCode()).isEqualTo(200);

		byte[] second = "other bytes".getBytes(); // the same size: the URL signs the length
		var again = put(ticket, ticket.headers().get("Content-Type"), second);
		var withoutTheCondition = HttpRequest.newBuilder(URI.create(ticket.uploadUrl()))
			.header("Content-Type", ticket.headers().get("Content-Type"))
			.PUT(HttpRequest.BodyPublishers.ofByteArray(second))
			.build();
		var unconditional = http.send(withoutTheCondition, HttpResponse.BodyHandlers.ofString());

		assertThat(again.statusCode()).isEqualTo(412);
		assertThat(again.body()).contains("PreconditionFailed");
		assertThat(unconditional.statusCode()).as("the condition is signed: leaving it out breaks the signature")
			.isEqualTo(403);
		assertThat(stack.s3Client()
			.getObjectAsBytes(g -> g.bucket("klepp-media").key(ticket.path()))
			.asByteArray()).isEqualTo(first);
	}

	@Test
	void notMediaIsUnsupportedMediaType() {
		announce(stack.accessToken("alice"), "notes.txt", "text/plain", 10).expectStatus()
			.isEqualTo(415)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value(detail -> assertThat((String) detail).contains("text/plain"));
	}

	@Test
	void presigningTakesOnlyTheTypesKleppProcessesWithAFittingFileName() {
		String token = stack.accessToken(me.klepp.api.support.Catalog.uniqueUser("mallory"));
		// filename, content_type, what the problem names as the reason
		String[][] refused = { { "evil.svg", "image/svg+xml", "image/svg+xml" },
				{ "page.html", "image/x-html", "image/x-html" }, { "clip.mp4", "text/html", "text/html" },
				{ "clip.avi", "video/x-msvideo", "video/x-msvideo" }, { "page.html", "video/mp4", "page.html" },
				{ "shot.png", "image/jpeg", "shot.png" }, { "page.htm", "image/png", "page.htm" } };
		for (String[] upload : refused) {
			announce(token, upload[0], upload[1], 10).expectStatus()
				.isEqualTo(415)
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.detail")
				.value(detail -> assertThat((String) detail).contains(upload[2]));
		}
		assertThat(db.sql("select count(*) as n from media_file where object_key like :prefix")
			.bind("prefix", "%.htm%")
			.map(row -> row.get("n", Long.class))
			.one()
			.block()).as("no row for a refused announcement").isZero();

		String[][] accepted = { { "clip.MKV", "video/x-matroska", "mkv" }, { "clip.mov", "video/quicktime", "mov" },
				{ "photo.jpeg", "image/jpeg", "jpeg" }, { "no extension", "image/webp", "webp" },
				{ "anim.gif", "image/gif; charset=binary", "gif" }, { "clip.webm", "video/webm", "webm" } };
		for (String[] upload : accepted) {
			var ticket = announce(token, upload[0], upload[1], 10).expectStatus()
				.isCreated()
				.expectBody(UploadTicket.class)
				.returnResult()
				.getResponseBody();
			assertThat(ticket.path()).endsWith("." + upload[2]);
		}
	}

	@Test
	void overTheSizeLimitIsContentTooLarge() {
		announce(stack.accessToken("alice"), "huge.mp4", "video/mp4", 3L * 1024 * 1024 * 1024).expectStatus()
			.isEqualTo(413)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(413);
	}

	@Test
	void missingFieldsAreABadRequestNamingThem() {
		client().post()
			.uri("/api/v2/uploads")
			.headers(h -> h.setBearerAuth(stack.accessToken("alice")))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"content_type\":\"video/mp4\",\"size\":-1}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void anonymousCallersMustSignIn() {
		client().post()
			.uri("/api/v2/uploads")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("filename", "a.mp4", "content_type", "video/mp4", "size", 1))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void idTokensOtherClientsAndExpiredTokensAreRefused() {
		for (String token : new String[] { stack.token("alice", Devstack.CLIENT_ID, "id", 3600),
				stack.token("alice", "someone-elses-app", "access", 3600),
				stack.token("alice", Devstack.CLIENT_ID, "access", -600), "not.a.jwt" }) {
			announce(token, "a.mp4", "video/mp4", 1).expectStatus()
				.isUnauthorized()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		}
	}

	private WebTestClient.ResponseSpec announce(String token, String filename, String contentType, long size) {
		return client().post()
			.uri("/api/v2/uploads")
			.headers(h -> h.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("filename", filename, "content_type", contentType, "size", size))
			.exchange();
	}

	private HttpResponse<String> put(UploadTicket ticket, String contentType, byte[] bytes) throws Exception {
		var request = HttpRequest.newBuilder(URI.create(ticket.uploadUrl()))
			.header("Content-Type", contentType);
		// every other header the ticket names, as a client must send them (Content-Length is the body's own)
		ticket.headers().forEach((name, value) -> {
			if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
				request.header(name, value);
			}
		});
		request.PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
