package me.klepp.api.users;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;

import javax.imageio.ImageIO;

import me.klepp.api.support.ApiIntegrationTest;
import me.klepp.api.support.Catalog;
import me.klepp.devstack.media.DecompressionBombs;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Profile pictures cannot exhaust memory: decoding is bounded whatever the picture claims, and uploads are limited
 * per user (the per-instance limit on pictures at once is shown with a small heap by klepp-local's
 * {@code AvatarFloodTest}).
 */
class AvatarLimitsTest extends ApiIntegrationTest {

	/** 6300×6300 RGB: about 116 KB as a file, 119 MB as a full raster. */
	private static final byte[] BOMB = DecompressionBombs.flatPng(6300, 6300);

	@Test
	void aHugePictureInATinyFileIsDecodedSubsampledWithinAFewMegabytes() throws Exception {
		assertThat(BOMB.length).isLessThan(200_000);
		var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		long before = threads.getCurrentThreadAllocatedBytes();

		byte[] jpeg = Avatars.scaledJpeg(BOMB);

		long allocated = threads.getCurrentThreadAllocatedBytes() - before;
		assertThat(allocated).as("bytes allocated to scale the picture (the full raster would be 119 MB)")
			.isLessThan(24L * 1024 * 1024);
		BufferedImage scaled = ImageIO.read(new ByteArrayInputStream(jpeg));
		assertThat(scaled.getWidth()).isEqualTo(420);
		assertThat(scaled.getHeight()).isEqualTo(420);
	}

	@Test
	void theHugePictureIsAcceptedThroughTheApi() {
		String alice = Catalog.uniqueUser("alice");
		upload(api.as(alice), BOMB).expectStatus().isCreated().expectBody().jsonPath("$.thumbnail_uri").isNotEmpty();
	}

	@Test
	void profilePicturesOverTheUsersLimitAre429WithRetryAfterForThatUserOnly() {
		String alice = Catalog.uniqueUser("alice");
		byte[] small = DecompressionBombs.flatPng(40, 40);
		for (int i = 0; i < new AvatarProperties(null, null).perUserPerMinute(); i++) {
			upload(api.as(alice), small).expectStatus().isCreated();
		}

		upload(api.as(alice), small).expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.value("Retry-After", seconds -> assertThat(Long.parseLong(seconds)).isPositive())
			.expectBody()
			.jsonPath("$.detail")
			.value(detail -> assertThat((String) detail).contains("profile pictures"));
		upload(api.as(alice.toUpperCase()), small).expectStatus().isEqualTo(429);
		upload(api.as(Catalog.uniqueUser("bob")), small).expectStatus().isCreated();
	}

	private static WebTestClient.ResponseSpec upload(WebTestClient caller, byte[] picture) {
		var builder = new MultipartBodyBuilder();
		builder.part("file", new ByteArrayResource(picture) {
			@Override
			public String getFilename() {
				return "me.png";
			}
		}).contentType(MediaType.IMAGE_PNG);
		return caller.put().uri("/api/v2/user").body(BodyInserters.fromMultipartData(builder.build())).exchange();
	}

}
