package me.klepp.api.uploads;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What a file is, judged by its first bytes rather than by its name or declared type: the containers klepp
 * accepts (MP4, QuickTime, WebM, Matroska; PNG, JPEG, GIF, WebP).
 */
record SniffedType(String contentType, String extension, String kind) {

	/** Enough of the file to recognise every accepted format. */
	static final int BYTES_NEEDED = 64;

	static Optional<SniffedType> of(byte[] head, int length) {
		if (length >= 12 && ascii(head, 4, 4).equals("ftyp")) {
			String brand = ascii(head, 8, 4);
			if (brand.equals("qt  ")) {
				return video("video/quicktime", "mov");
			}
			if (brand.startsWith("hei") || brand.startsWith("mif") || brand.startsWith("avi") || brand.startsWith("msf")) {
				return Optional.empty();
			}
			return video("video/mp4", "mp4");
		}
		if (length >= 4 && u(head[0]) == 0x1A && u(head[1]) == 0x45 && u(head[2]) == 0xDF && u(head[3]) == 0xA3) {
			String header = ascii(head, 0, length);
			if (header.contains("webm")) {
				return video("video/webm", "webm");
			}
			if (header.contains("matroska")) {
				return video("video/x-matroska", "mkv");
			}
			return Optional.empty();
		}
		if (length >= 8 && u(head[0]) == 0x89 && ascii(head, 1, 3).equals("PNG")) {
			return image("image/png", "png");
		}
		if (length >= 3 && u(head[0]) == 0xFF && u(head[1]) == 0xD8 && u(head[2]) == 0xFF) {
			return image("image/jpeg", "jpg");
		}
		if (length >= 6 && (ascii(head, 0, 6).equals("GIF87a") || ascii(head, 0, 6).equals("GIF89a"))) {
			return image("image/gif", "gif");
		}
		if (length >= 12 && ascii(head, 0, 4).equals("RIFF") && ascii(head, 8, 4).equals("WEBP")) {
			return image("image/webp", "webp");
		}
		return Optional.empty();
	}

	private static Optional<SniffedType> video(String type, String extension) {
		return Optional.of(new SniffedType(type, extension, "video"));
	}

	private static Optional<SniffedType> image(String type, String extension) {
		return Optional.of(new SniffedType(type, extension, "image"));
	}

	private static int u(byte b) {
		return b & 0xff;
	}

	private static String ascii(byte[] bytes, int offset, int length) {
		return new String(bytes, offset, Math.max(0, Math.min(length, bytes.length - offset)), StandardCharsets.ISO_8859_1);
	}

}
