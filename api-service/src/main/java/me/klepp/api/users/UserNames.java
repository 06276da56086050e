package me.klepp.api.users;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one rule for user names, whatever route they arrive at: a user name becomes the first segment of every
 * upload's key and of avatar keys, so it must be one plain path segment. 1–64 letters (any script), digits,
 * {@code _ - . @}, not starting with {@code .} ({@code .}, {@code ..} and hidden-file names are out), so no
 * {@code /}, {@code \}, spaces, control characters or URL-special characters. Cognito user names (any letters,
 * digits, symbols and punctuation up to 128) and the generated UUIDs of pools that sign in by e-mail fit, except
 * names with characters that are unsafe in a key; such users are refused, never silently renamed.
 */
public final class UserNames {

	static final int MAX_LENGTH = 64;

	private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{N}_@-][\\p{L}\\p{N}\\p{M}_.@-]{0,63}");

	private UserNames() {
	}

	/** Why the name cannot be used, or empty when it can. */
	public static Optional<String> problemWith(String name) {
		if (name == null || name.isEmpty()) {
			return Optional.of("the token carries no user name");
		}
		if (name.length() > MAX_LENGTH) {
			return Optional.of("the user name is longer than " + MAX_LENGTH + " characters");
		}
		if (!ALLOWED.matcher(name).matches()) {
			return Optional.of("the user name '" + printable(name) + "' cannot be used in klepp: user names are 1-"
					+ MAX_LENGTH + " letters, digits, _ - . or @, not starting with '.'");
		}
		return Optional.empty();
	}

	private static String printable(String name) {
		StringBuilder shown = new StringBuilder();
		name.codePoints().forEach(c -> {
			if (Character.isISOControl(c)) {
				shown.append(String.format("\\u%04x", c));
			}
			else {
				shown.appendCodePoint(c);
			}
		});
		return shown.toString();
	}

}
