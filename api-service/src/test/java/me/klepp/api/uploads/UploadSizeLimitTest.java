package me.klepp.api.uploads;

import java.time.Duration;

import me.klepp.api.support.ApiIntegrationTest;
import me.klepp.api.support.Catalog;
import me.klepp.devstack.Devstack;
import me.klepp.devstack.KleppResources;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.function.BodyInserters;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With a 10 MB limit (a context of its own), a 20 MB upload is refused after streaming started. */
@TestPropertySource(properties = "klepp.uploads.max-size=10MB")
class UploadSizeLimitTest extends ApiIntegrationTest {

	final S3Client s3 = Devstack.shared().s3Client();

	@Test
	void overTheLimitIs413AndThePartsAlreadySentAreDiscarded() {
		String alice = Catalog.uniqueUser("alice");
		byte[] big = new byte[20 * 1024 * 1024];
		System.arraycopy(StreamedUploadTest.pngSignature(), 0, big, 0, 16);
		var builder = new MultipartBodyBuilder();
		builder.part("file", new ByteArrayResource(big) {
			@Override
			public String getFilename() {
				return "big.png";
			}
		}).contentType(MediaType.IMAGE_PNG);

		// Without Content-Length the API cannot refuse up front: it must notice while streaming.
		api.as(alice).post().uri("/api/v2/files").body(BodyInserters.fromMultipartData(builder.build())).exchange()
			.expectStatus().isEqualTo(413);

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(s3.listMultipartUploads(l -> l.bucket(KleppResources.MEDIA_BUCKET).prefix(alice + "/")).uploads())
				.isEmpty();
			assertThat(s3.listObjectsV2(l -> l.bucket(KleppResources.MEDIA_BUCKET).prefix(alice + "/")).contents()).isEmpty();
		});
		assertThat(db.sql("select count(*) as n from media_file where object_key like :p").bind("p", alice + "/%")
			.map(r -> r.get("n", Long.class)).one().block()).isZero();
	}

	@Test
	void aPresignRequestOverTheLimitIs413() {
		api.as(Catalog.uniqueUser("alice")).post().uri("/api/v2/uploads").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"filename\":\"a.mp4\",\"content_type\":\"video/mp4\",\"size\":10485761}").exchange()
			.expectStatus().isEqualTo(413).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

}
