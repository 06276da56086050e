package me.klepp.api.uploads;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import me.klepp.api.support.ApiIntegrationTest;
import me.klepp.api.support.Catalog;
import me.klepp.devstack.Devstack;
import me.klepp.devstack.KleppResources;
import me.klepp.devstack.media.SampleMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.BodyInserters;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;

/** Uploads through the API, streamed to S3 and registered pending like presigned ones. */
class StreamedUploadTest extends ApiIntegrationTest {

	final S3Client s3 = Devstack.shared().s3Client();

	@Test
	void aClipIsStreamedToS3UnderAServerChosenKeyAndRegisteredPending(@TempDir Path dir) throws Exception {
		String alice = Catalog.uniqueUser("alice");
		byte[] clip = Files.readAllBytes(SampleMedia.clip(dir.resolve("c.mp4"), "mp4", "mpeg4", 320, 240, 1.0, 25));

		byte[] body = upload(alice, "My Clip.mp4", "application/octet-stream", clip, "Clutch round").expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.display_name").isEqualTo("Clutch round")
			.jsonPath("$.user.name").isEqualTo(alice)
			.jsonPath("$.content_type").isEqualTo("video/mp4")
			.returnResult().getResponseBody();
		String key = json(body).get("path").asString();

		assertThat(key).matches(alice + "/[0-9a-f-]{36}\\.mp4");
		var stored = s3.headObject(h -> h.bucket(KleppResources.MEDIA_BUCKET).key(key));
		assertThat(stored.contentLength()).isEqualTo(clip.length);
		assertThat(stored.contentType()).isEqualTo("video/mp4");
		assertThat(uploadState(key)).isEqualTo("pending");
	}

	@Test
	void aLargeFileGoesUpInPartsAndArrivesWhole() {
		String alice = Catalog.uniqueUser("alice");
		byte[] big = new byte[StreamingObject.PART_SIZE * 2 + 12345];
		new Random(7).nextBytes(big);
		System.arraycopy(pngSignature(), 0, big, 0, 16);

		byte[] body = upload(alice, "huge.png", "image/png", big, null).expectStatus().isCreated()
			.expectBody().returnResult().getResponseBody();
		String key = json(body).get("path").asString();

		assertThat(s3.getObjectAsBytes(g -> g.bucket(KleppResources.MEDIA_BUCKET).key(key)).asByteArray()).isEqualTo(big);
	}

	@Test
	void theTypeIsJudgedByContentNotByNameAndNothingIsLeftBehind() {
		String alice = Catalog.uniqueUser("alice");
		byte[] text = "#!/bin/sh\necho this is not a video, whatever its name says\n".repeat(4).getBytes();

		upload(alice, "clip.mp4", "video/mp4", text, null).expectStatus().isEqualTo(415)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

		assertThat(s3.listObjectsV2(l -> l.bucket(KleppResources.MEDIA_BUCKET).prefix(alice + "/")).contents()).isEmpty();
		assertThat(db.sql("select count(*) as n from media_file f join app_user u on u.id = f.owner_id where u.name = :n")
			.bind("n", alice).map(r -> r.get("n", Long.class)).one().block()).isZero();
	}

	@Test
	void aBadFileNameOrAMissingFileIsABadRequest() {
		String alice = Catalog.uniqueUser("alice");
		upload(alice, "a.png", "image/png", pngSignature(), "<script>").expectStatus().isBadRequest();

		var builder = new MultipartBodyBuilder();
		builder.part("file_name", "only a name");
		api.as(alice).post().uri("/api/v2/files").body(BodyInserters.fromMultipartData(builder.build())).exchange()
			.expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
		api.anonymous().post().uri("/api/v2/files").body(BodyInserters.fromMultipartData(builder.build())).exchange()
			.expectStatus().isUnauthorized();
	}

	private String uploadState(String key) {
		return db.sql("select upload_state from media_file where object_key = :key").bind("key", key)
			.map(row -> row.get("upload_state", String.class)).one().block();
	}

	private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec upload(String user, String filename,
			String type, byte[] bytes, String fileName) {
		var builder = new MultipartBodyBuilder();
		if (fileName != null) {
			builder.part("file_name", fileName);
		}
		builder.part("file", new ByteArrayResource(bytes) {
			@Override
			public String getFilename() {
				return filename;
			}
		}).contentType(MediaType.parseMediaType(type));
		return api.as(user).post().uri("/api/v2/files").body(BodyInserters.fromMultipartData(builder.build())).exchange();
	}

	static byte[] pngSignature() {
		return new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
	}

}
