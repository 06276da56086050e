package me.klepp.api.support;

import java.nio.charset.StandardCharsets;

/**
 * JavaScript's {@code encodeURI()} (ECMAScript 2024, 19.2.6.5), which the published frontend applies to
 * {@code thumbnail_uri}: every character outside the reserved and unreserved sets and {@code #} becomes its UTF-8
 * bytes percent-encoded, {@code %} included.
 */
public final class EncodeUri {

	private static final String LEFT_ALONE = ";/?:@&=+$,-_.!~*'()#";

	private EncodeUri() {
	}

	public static String apply(String uri) {
		StringBuilder out = new StringBuilder();
		uri.codePoints().forEach(c -> {
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || LEFT_ALONE.indexOf(c) >= 0) {
				out.appendCodePoint(c);
			}
			else {
				for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
					out.append('%').append(String.format("%02X", b & 0xff));
				}
			}
		});
		return out.toString();
	}

}
