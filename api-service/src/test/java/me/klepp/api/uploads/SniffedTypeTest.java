package me.klepp.api.uploads;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Recognising accepted formats from their first bytes, whatever the file is called. */
class SniffedTypeTest {

	@Test
	void acceptedContainersAreRecognised() {
		assertThat(sniff(ftyp("isom"))).hasValueSatisfying(t -> assertThat(t.contentType()).isEqualTo("video/mp4"));
		assertThat(sniff(ftyp("qt  "))).hasValueSatisfying(t -> assertThat(t.extension()).isEqualTo("mov"));
		assertThat(sniff(ebml("webm"))).hasValueSatisfying(t -> assertThat(t.contentType()).isEqualTo("video/webm"));
		assertThat(sniff(ebml("matroska"))).hasValueSatisfying(t -> assertThat(t.extension()).isEqualTo("mkv"));
		assertThat(sniff(bytes(0x89, 'P', 'N', 'G', 13, 10, 26, 10))).hasValueSatisfying(t -> assertThat(t.kind())
			.isEqualTo("image"));
		assertThat(sniff(bytes(0xFF, 0xD8, 0xFF, 0xE0))).hasValueSatisfying(t -> assertThat(t.extension())
			.isEqualTo("jpg"));
		assertThat(sniff("GIF89a....".getBytes(StandardCharsets.ISO_8859_1))).isPresent();
		assertThat(sniff("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1)))
			.hasValueSatisfying(t -> assertThat(t.contentType()).isEqualTo("image/webp"));
	}

	@Test
	void everyRecognisedTypeCanAlsoBePresignedWithItsExtension() {
		for (byte[] head : new byte[][] { ftyp("isom"), ftyp("qt  "), ebml("webm"), ebml("matroska"),
				bytes(0x89, 'P', 'N', 'G', 13, 10, 26, 10), bytes(0xFF, 0xD8, 0xFF, 0xE0),
				"GIF89a....".getBytes(StandardCharsets.ISO_8859_1),
				"RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1) }) {
			SniffedType type = sniff(head).orElseThrow();
			assertThat(MediaTypes.kind(type.contentType())).hasValue(type.kind());
			assertThat(MediaTypes.extension("upload." + type.extension(), type.contentType()))
				.hasValue(type.extension());
		}
	}

	@Test
	void everythingElseIsRefused() {
		assertThat(sniff("#!/bin/sh\necho hi".getBytes(StandardCharsets.US_ASCII))).isEmpty();
		assertThat(sniff(ftyp("heic"))).as("HEIF stills are not accepted").isEmpty();
		assertThat(sniff("RIFF\0\0\0\0AVI LIST".getBytes(StandardCharsets.ISO_8859_1))).isEmpty();
		assertThat(sniff(new byte[0])).isEmpty();
	}

	private static java.util.Optional<SniffedType> sniff(byte[] head) {
		return SniffedType.of(head, head.length);
	}

	private static byte[] ftyp(String brand) {
		return ("\0\0\0\u0018ftyp" + brand + "\0\0\0\0").getBytes(StandardCharsets.ISO_8859_1);
	}

	private static byte[] ebml(String docType) {
		return ("\u001A\u0045\u00DF\u00A3\u0093\u0042\u0082\u0088" + docType).getBytes(StandardCharsets.ISO_8859_1);
	}

	private static byte[] bytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

}
