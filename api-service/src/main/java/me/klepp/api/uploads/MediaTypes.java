package me.klepp.api.uploads;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

import me.klepp.api.storage.ServedTypes;

/**
 * Which uploads are media: exactly the types klepp processes, the ones {@link SniffedType} recognises by content
 * (a presigned upload is judged by its declared type and name, since the bytes never pass the API), and the
 * file extensions that go with each.
 */
final class MediaTypes {

	private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,8}");

	/** Accepted types and their extensions, the usual one first: the list links are served by. */
	private static final Map<String, List<String>> EXTENSIONS_BY_TYPE = ServedTypes.EXTENSIONS_BY_TYPE;

	private MediaTypes() {
	}

	/** The accepted types, for messages. */
	static String accepted() {
		return new TreeSet<>(EXTENSIONS_BY_TYPE.keySet()).toString();
	}

	/** {@code video} or {@code image}, or empty when klepp does not process the type. */
	static Optional<String> kind(String contentType) {
		String normalized = normalize(contentType);
		if (!EXTENSIONS_BY_TYPE.containsKey(normalized)) {
			return Optional.empty();
		}
		return Optional.of(normalized.substring(0, normalized.indexOf('/')));
	}

	static String normalize(String contentType) {
		return ServedTypes.normalize(contentType);
	}

	/**
	 * The extension a key of this (accepted) type gets: the file name's when it has one, which must then be one of
	 * the type's ({@code .mp4} for {@code video/mp4}, ...), else the type's usual one. Empty when the name's
	 * extension belongs to something else ({@code clip.html} as {@code video/mp4}).
	 */
	static Optional<String> extension(String filename, String contentType) {
		List<String> extensions = EXTENSIONS_BY_TYPE.get(normalize(contentType));
		if (extensions == null) {
			return Optional.empty();
		}
		int dot = filename.lastIndexOf('.');
		if (dot < 0 || dot == filename.length() - 1) {
			return Optional.of(extensions.get(0));
		}
		String extension = filename.substring(dot + 1).toLowerCase(Locale.ROOT);
		return EXTENSION.matcher(extension).matches() && extensions.contains(extension) ? Optional.of(extension)
				: Optional.empty();
	}

	/** What {@link #extension} accepts for the type, for messages: {@code .jpg, .jpeg, ...}. */
	static String extensionsOf(String contentType) {
		return String.join(", ", EXTENSIONS_BY_TYPE.getOrDefault(normalize(contentType), List.of())
			.stream()
			.map(e -> "." + e)
			.toList());
	}

	/** A display name from a file name: without directories and extension, at most 100 characters. */
	static String displayName(String filename) {
		String name = filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
		int dot = name.lastIndexOf('.');
		if (dot > 0) {
			name = name.substring(0, dot);
		}
		name = name.strip();
		if (name.isEmpty()) {
			name = "untitled";
		}
		return name.length() > 100 ? name.substring(0, 100) : name;
	}

}
