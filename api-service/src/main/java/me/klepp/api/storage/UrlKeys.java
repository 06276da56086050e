package me.klepp.api.storage;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Object keys in the API's own media URLs, written so that the URL comes through {@code encodeURI()} unchanged
 * (the published frontend passes {@code thumbnail_uri} through it; a percent-escape would become {@code %25..}
 * and point at another key). ASCII letters, digits, {@code -}, {@code _}, {@code .} and {@code /} stay as they
 * are, so {@code alice/<uuid>.mp4} reads as itself and still ends in {@code .mp4}; every other byte of the key's
 * UTF-8 is written {@code ~XX} (hex), {@code ~} included. A dot that starts a segment and a slash that would
 * make an empty segment are escaped too, so browsers never normalise {@code ..} or {@code //} away. The result
 * has no {@code %}, {@code ;}, {@code \}, {@code #}, {@code ?}, space or non-ASCII character: nothing a
 * browser, proxy or request firewall rewrites.
 */
public final class UrlKeys {

	private static final HexFormat HEX = HexFormat.of().withUpperCase();

	private UrlKeys() {
	}

	public static String encode(String key) {
		byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
		StringBuilder out = new StringBuilder(bytes.length + 8);
		for (byte b : bytes) {
			char c = (char) (b & 0xff);
			boolean segmentStart = out.isEmpty() || out.charAt(out.length() - 1) == '/';
			boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '_' || (c == '.' && !segmentStart) || (c == '/' && !segmentStart);
			if (plain) {
				out.append(c);
			}
			else {
				out.append('~').append(HEX.toHexDigits(b));
			}
		}
		return out.toString();
	}

	/** The key a URL path names, or empty when it is not one {@link #encode} could have written. */
	public static Optional<String> decode(String path) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(path.length());
		for (int i = 0; i < path.length(); i++) {
			char c = path.charAt(i);
			if (c == '~') {
				if (i + 2 >= path.length()) {
					return Optional.empty();
				}
				try {
					bytes.write(HexFormat.fromHexDigits(path, i + 1, i + 3));
				}
				catch (IllegalArgumentException e) {
					return Optional.empty();
				}
				i += 2;
			}
			else if (c < 0x80) {
				bytes.write(c);
			}
			else {
				return Optional.empty();
			}
		}
		String key = bytes.toString(StandardCharsets.UTF_8);
		return encode(key).equals(path) ? Optional.of(key) : Optional.empty();
	}

	/** Whether the key needs no escaping at all, so a plain URL of it survives {@code encodeURI()} too. */
	public static boolean plain(String key) {
		return encode(key).equals(key);
	}

}
