package me.klepp.api.web;

import me.klepp.api.problems.Problems;

/**
 * The one rule for text from clients, wherever it enters (URL, JSON, multipart headers): it never holds a NUL
 * character (U+0000). PostgreSQL cannot store NUL in text and fails the whole statement, so it is refused at
 * the edge with a 400 instead of failing as a 500 deep inside.
 */
public final class ClientText {

	private ClientText() {
	}

	public static boolean hasNul(CharSequence text) {
		if (text == null) {
			return false;
		}
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) == '\0') {
				return true;
			}
		}
		return false;
	}

	/** @return {@code value}, unless it holds a NUL: then a 400 problem naming {@code field} */
	public static String refuseNul(String field, String value) {
		if (hasNul(value)) {
			throw Problems.badRequest(problem(field));
		}
		return value;
	}

	static String problem(String field) {
		return field + " must not contain a NUL character (U+0000)";
	}

}
