package me.klepp.api.users;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

import me.klepp.api.support.ApiIntegrationTest;
import me.klepp.api.support.Catalog;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static me.klepp.api.support.ProblemAssertions.assertValidProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Profile pictures are read with klepp's multipart parser: malformed bodies are 400s, as on uploads. */
class AvatarMultipartTest extends ApiIntegrationTest {

	@Test
	void aBoundaryOverSeventyCharactersIsA400() throws Exception {
		String boundary = "b".repeat(5_000);
		refused(boundary, form(boundary, part("file", png())));
	}

	@Test
	void aTruncatedBodyIsA400() throws Exception {
		byte[] whole = form("cut", part("file", png()));
		byte[] truncated = java.util.Arrays.copyOf(whole, whole.length - 12);
		refused("cut", truncated);
	}

	@Test
	void twoFilePartsAreA400() throws Exception {
		refused("two", form("two", part("file", png()), part("file", png())));
	}

	@Test
	void aFormWithoutAFilePartIsA400() throws Exception {
		refused("none", form("none", part("picture", png())));
	}

	@Test
	void aWellFormedPictureAmongOtherFieldsIsStillTaken() throws Exception {
		String alice = Catalog.uniqueUser("alice");
		api.as(alice).put().uri("/api/v2/user").contentType(multipart("ok"))
			.bodyValue(form("ok", part("note", "hello".getBytes()), part("file", png())))
			.exchange()
			.expectStatus().isCreated()
			.expectBody().jsonPath("$.thumbnail_uri").isNotEmpty();
	}

	private void refused(String boundary, byte[] body) {
		String alice = Catalog.uniqueUser("alice");
		byte[] problem = api.as(alice).put().uri("/api/v2/user").contentType(multipart(boundary)).bodyValue(body)
			.exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().returnResult().getResponseBody();
		assertValidProblem(json(problem), 400);
		api.anonymous().get().uri("/api/v2/users/" + alice).exchange().expectBody()
			.jsonPath("$.thumbnail_uri").value(uri -> assertThat(uri).isNull());
	}

	private static MediaType multipart(String boundary) {
		return MediaType.parseMediaType("multipart/form-data; boundary=" + boundary);
	}

	private static byte[][] part(String name, byte[] content) {
		return new byte[][] { name.getBytes(StandardCharsets.US_ASCII), content };
	}

	private static byte[] form(String boundary, byte[][]... parts) throws Exception {
		var out = new ByteArrayOutputStream();
		for (byte[][] part : parts) {
			out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + new String(part[0])
					+ "\"; filename=\"me.png\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.write(part[1]);
			out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
		}
		out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
		return out.toByteArray();
	}

	private static byte[] png() throws Exception {
		var out = new ByteArrayOutputStream();
		ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "png", out);
		return out.toByteArray();
	}

}
