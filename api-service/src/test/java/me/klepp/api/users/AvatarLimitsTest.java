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
	void aLargeProgressiveJpegIsRefusedBeforeDecodingWhileABaselineOneIsScaled() throws Exception {
		// Progressive JPEGs are decoded from a native buffer of all their coefficients, whatever the subsampling.
		String alice = Catalog.uniqueUser("alice");
		upload(api.as(alice), jpeg(3000, 3000, true)).expectStatus()
			.isEqualTo(413)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value(detail -> assertThat((String) detail).contains("progressive"));
		upload(api.as(alice), jpeg(3000, 3000, false)).expectStatus().isCreated();
		upload(api.as(alice), jpeg(2000, 2000, true)).expectStatus().isCreated();
	}

	@Test
	void aPictureWiderThanTheDecodersRowBuffersMayBeIsRefused() {
		// Few pixels in all, but every decoded row would be as wide as the picture.
		upload(api.as(Catalog.uniqueUser("alice")), DecompressionBombs.flatPng(Avatars.MAX_SOURCE_SIDE + 1, 2))
			.expectStatus()
			.isEqualTo(413)
			.expectBody()
			.jsonPath("$.detail")
			.value(detail -> assertThat((String) detail).contains("each side"));
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

	private static byte[] jpeg(int width, int height, boolean progressive) throws Exception {
		var image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
		var writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		var out = new java.io.ByteArrayOutputStream();
		try (var stream = new javax.imageio.stream.MemoryCacheImageOutputStream(out)) {
			writer.setOutput(stream);
			var param = writer.getDefaultWriteParam();
			if (progressive) {
				param.setProgressiveMode(javax.imageio.ImageWriteParam.MODE_DEFAULT);
			}
			writer.write(null, new javax.imageio.IIOImage(image, null, null), param);
		}
		finally {
			writer.dispose();
		}
		return out.toByteArray();
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
