package me.klepp.api.uploads;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Which uploads are media, and the file extension a key gets. */
final class MediaTypes {

	private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,8}");

	private static final Pattern CONTENT_TYPE = Pattern.compile("(video|image)/[a-z0-9][a-z0-9.+-]{0,100}");

	private static final Map<String, String> EXTENSION_BY_TYPE = Map.of("video/mp4", "mp4", "video/webm", "webm",
			"video/quicktime", "mov", "video/x-matroska", "mkv", "image/png", "png", "image/jpeg", "jpg", "image/gif",
			"gif", "image/webp", "webp");

	private MediaTypes() {
	}

	/** {@code video} or {@code image}, or empty when the type is not media. */
	static Optional<String> kind(String contentType) {
		String normalized = normalize(contentType);
		if (!CONTENT_TYPE.matcher(normalized).matches()) {
			return Optional.empty();
		}
		return Optional.of(normalized.substring(0, normalized.indexOf('/')));
	}

	static String normalize(String contentType) {
		int parameters = contentType.indexOf(';');
		return (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
	}

	/** The extension of the file name when it has a plausible one, else the usual one for the type. */
	static String extension(String filename, String contentType) {
		int dot = filename.lastIndexOf('.');
		if (dot >= 0) {
			String extension = filename.substring(dot + 1).toLowerCase(Locale.ROOT);
			if (EXTENSION.matcher(extension).matches()) {
				return extension;
			}
		}
		String normalized = normalize(contentType);
		return EXTENSION_BY_TYPE.getOrDefault(normalized, normalized.substring(normalized.indexOf('/') + 1)
			.replaceAll("[^a-z0-9]", ""));
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
