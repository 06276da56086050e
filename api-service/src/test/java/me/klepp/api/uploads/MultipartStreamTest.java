package me.klepp.api.uploads;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The upload path's multipart parser, fed bodies cut into buffers at every possible place. */
class MultipartStreamTest {

	static final String BOUNDARY = "----WebKitFormBoundary7MA4YWxkTrZu0gW";

	/** A file whose bytes look like the delimiter's beginnings, which must stay file bytes. */
	static byte[] trickyFile() {
		ByteArrayOutputStream file = new ByteArrayOutputStream();
		file.writeBytes("\r\n--".getBytes(StandardCharsets.US_ASCII));
		file.writeBytes(("\r\n--" + BOUNDARY.substring(0, 20)).getBytes(StandardCharsets.US_ASCII));
		file.writeBytes(("\r\r\n-" + BOUNDARY.substring(0, 30)).getBytes(StandardCharsets.US_ASCII));
		byte[] random = new byte[3000];
		new Random(3).nextBytes(random);
		file.writeBytes(random);
		file.writeBytes("\r".getBytes(StandardCharsets.US_ASCII));
		return file.toByteArray();
	}

	static byte[] body(byte[] file, String filenameHeader) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(("--" + BOUNDARY + "\r\n" + "Content-Disposition: form-data; name=\"file_name\"\r\n\r\n"
				+ "Clutch round\r\n" + "--" + BOUNDARY + "\r\n" + "Content-Disposition: form-data; name=\"file\"; "
				+ filenameHeader + "\r\n" + "Content-Type: video/mp4\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		body.writeBytes(file);
		body.writeBytes(("\r\n--" + BOUNDARY + "--\r\nepilogue").getBytes(StandardCharsets.US_ASCII));
		return body.toByteArray();
	}

	@Test
	void partsAndTheirBytesComeOutWhereverTheBodyIsCut() {
		byte[] file = trickyFile();
		byte[] body = body(file, "filename=\"Clutch é.mp4\"");
		for (int cut = 1; cut < 300; cut++) {
			Parsed parsed = parse(body, cut);
			assertThat(parsed.starts).as("cut every %d bytes", cut)
				.containsExactly("file_name", "file:Clutch é.mp4");
			assertThat(parsed.fields.get(0)).isEqualTo("Clutch round".getBytes(StandardCharsets.UTF_8));
			assertThat(parsed.fields.get(1)).as("cut every %d bytes", cut).isEqualTo(file);
		}
		Random random = new Random(11);
		for (int run = 0; run < 200; run++) {
			int cut = 1 + random.nextInt(5000);
			assertThat(parse(body, cut).fields.get(1)).isEqualTo(file);
		}
	}

	@Test
	void anRfc5987FileNameIsDecoded() {
		byte[] body = body(new byte[] { 1, 2, 3 }, "filename*=UTF-8''%C3%A9t%C3%A9.mp4");
		assertThat(parse(body, body.length).starts).containsExactly("file_name", "file:été.mp4");
	}

	@Test
	void aBodyWithoutItsClosingBoundaryIsABadRequest() {
		byte[] body = body(new byte[] { 1, 2, 3 }, "filename=\"a.mp4\"");
		byte[] cutShort = Arrays.copyOf(body, body.length - 20);
		MultipartStream stream = new MultipartStream(BOUNDARY);
		stream.accept(cutShort);
		assertThatThrownBy(stream::finish).isInstanceOfSatisfying(ErrorResponseException.class,
				e -> assertThat(e.getStatusCode().value()).isEqualTo(400));
	}

	@Test
	void garbageInsteadOfAFormIsABadRequestEarly() {
		MultipartStream stream = new MultipartStream(BOUNDARY);
		byte[] noise = new byte[16 * 1024];
		assertThatThrownBy(() -> {
			for (int i = 0; i < 10; i++) {
				stream.accept(noise.clone());
			}
		}).isInstanceOfSatisfying(ErrorResponseException.class,
				e -> assertThat(e.getStatusCode().value()).isEqualTo(400));
	}

	@Test
	void aPartWithoutANameOrABoundaryOfTheWrongShapeIsABadRequest() {
		byte[] nameless = ("--" + BOUNDARY + "\r\nContent-Type: text/plain\r\n\r\nhello\r\n--" + BOUNDARY + "--")
			.getBytes(StandardCharsets.US_ASCII);
		assertThatThrownBy(() -> new MultipartStream(BOUNDARY).accept(nameless))
			.isInstanceOf(ErrorResponseException.class)
			.hasMessageContaining("Content-Disposition");
		assertThatThrownBy(() -> new MultipartStream("")).isInstanceOf(ErrorResponseException.class);
		assertThatThrownBy(() -> new MultipartStream("x".repeat(71))).isInstanceOf(ErrorResponseException.class);
	}

	record Parsed(List<String> starts, List<byte[]> fields) {
	}

	static Parsed parse(byte[] body, int cut) {
		MultipartStream stream = new MultipartStream(BOUNDARY);
		List<String> starts = new ArrayList<>();
		List<byte[]> fields = new ArrayList<>();
		ByteArrayOutputStream current = new ByteArrayOutputStream();
		for (int from = 0; from < body.length; from += cut) {
			for (MultipartStream.Event event : stream.accept(Arrays.copyOfRange(body, from, Math.min(body.length, from + cut)))) {
				if (event instanceof MultipartStream.PartStart start) {
					starts.add(start.filename() == null ? start.name() : start.name() + ":" + start.filename());
					current.reset();
				}
				else if (event instanceof MultipartStream.Data data) {
					current.write(data.bytes(), data.offset(), data.length());
				}
				else {
					fields.add(current.toByteArray());
				}
			}
		}
		stream.finish();
		return new Parsed(starts, fields);
	}

}
