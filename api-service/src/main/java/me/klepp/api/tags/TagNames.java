package me.klepp.api.tags;

import java.util.Locale;
import java.util.regex.Pattern;

import me.klepp.api.problems.Problems;

/**
 * Tag names as people type them ("  Rocket   League ") become one canonical form ("rocket league"): trimmed,
 * inner whitespace collapsed, lower case. Uniqueness and filtering use that form.
 */
public final class TagNames {

	public static final int MAX_LENGTH = 32;

	private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _.+#-]*");

	private TagNames() {
	}

	public static String normalize(String name) {
		return name == null ? "" : name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
	}

	/** The normalised name, or a 400 saying what is wrong with it. */
	public static String validated(String name) {
		String normalized = normalize(name);
		if (normalized.isEmpty() || normalized.length() > MAX_LENGTH || !ALLOWED.matcher(normalized).matches()) {
			throw Problems.badRequest("tag name '" + name + "' is not valid: 1-" + MAX_LENGTH
					+ " letters, digits, spaces or _ . + # -, starting with a letter or digit");
		}
		return normalized;
	}

}
