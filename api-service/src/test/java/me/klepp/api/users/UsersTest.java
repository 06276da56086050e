package me.klepp.api.users;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import javax.imageio.ImageIO;

import me.klepp.api.support.ApiIntegrationTest;
import me.klepp.api.support.Catalog;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

class UsersTest extends ApiIntegrationTest {

	@Test
	void aProfileCountsPublicClipsAndLikesReceived() {
		String alice = Catalog.uniqueUser("alice");
		catalog.file(alice, "one").likeCount(2).save();
		catalog.file(alice, "two").likeCount(3).save();
		catalog.file(alice, "hidden").hidden().likeCount(7).save();

		api.anonymous().get().uri("/api/v2/users/" + alice.toUpperCase()).exchange().expectStatus().isOk()
			.expectBody()
			.jsonPath("$.name").isEqualTo(alice)
			.jsonPath("$.clip_count").isEqualTo(2)
			.jsonPath("$.likes_received").isEqualTo(5);
		api.anonymous().get().uri("/api/v2/users/nobody-" + alice).exchange().expectStatus().isNotFound();
		api.anonymous().get().uri("/api/v2/users?limit=101").exchange().expectStatus().isBadRequest();
	}

	@Test
	void aProfilePictureIsScaledToFit420AndStoredAsJpeg() throws Exception {
		String alice = Catalog.uniqueUser("alice");

		byte[] body = upload(alice, png(1000, 500), "image/png").expectStatus().isCreated()
			.expectBody().jsonPath("$.name").isEqualTo(alice).returnResult().getResponseBody();
		String uri = json(body).get("thumbnail_uri").asString();

		var picture = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
			.send(HttpRequest.newBuilder(URI.create(uri)).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(picture.headers().firstValue("Content-Type")).hasValue("image/jpeg");
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(picture.body()));
		assertThat(image.getWidth()).isEqualTo(420);
		assertThat(image.getHeight()).isEqualTo(210);
		api.anonymous().get().uri("/api/v2/users/" + alice).exchange().expectBody()
			.jsonPath("$.thumbnail_uri").isNotEmpty();
	}

	@Test
	void somethingThatIsNotAPngOrJpegIsRefused() {
		upload(Catalog.uniqueUser("alice"), "<svg/>".getBytes(), "image/png").expectStatus().isEqualTo(415)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec upload(String user, byte[] bytes,
			String type) {
		var builder = new MultipartBodyBuilder();
		builder.part("file", new ByteArrayResource(bytes) {
			@Override
			public String getFilename() {
				return "me.png";
			}
		}).contentType(MediaType.parseMediaType(type));
		return api.as(user).put().uri("/api/v2/user").body(BodyInserters.fromMultipartData(builder.build())).exchange();
	}

	private static byte[] png(int width, int height) throws Exception {
		var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		var g = image.createGraphics();
		g.setColor(Color.ORANGE);
		g.fillRect(0, 0, width, height);
		g.dispose();
		var out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

}
