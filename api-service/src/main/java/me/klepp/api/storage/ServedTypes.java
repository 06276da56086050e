package me.klepp.api.storage;

import java.util.Locale;
import java.util.Map;

/**
 * The only content types klepp accepts and serves user files as: the ones its worker processes. Anything else,
 * and any file the worker has not confirmed to be what its type says, is served as an attachment of type
 * {@code application/octet-stream}, so a browser never renders uploaded HTML or SVG under klepp's name.
 */
public final class ServedTypes {

	/** Each type with the file extension a key of it gets. */
	public static final Map<String, String> EXTENSIONS = Map.of("video/mp4", "mp4", "video/webm", "webm",
			"video/quicktime", "mov", "video/x-matroska", "mkv", "image/png", "png", "image/jpeg", "jpg", "image/gif",
			"gif", "image/webp", "webp");

	static final String UNCHECKED = "application/octet-stream";

	private ServedTypes() {
	}

	public static boolean accepted(String contentType) {
		return contentType != null && EXTENSIONS.containsKey(normalize(contentType));
	}

	public static String normalize(String contentType) {
		int parameters = contentType.indexOf(';');
		return (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
	}

	/** The type to serve a file as: its own once processed and accepted, else an opaque download. */
	static String servedAs(String contentType, String processingState) {
		return "done".equals(processingState) && accepted(contentType) ? normalize(contentType) : UNCHECKED;
	}

	static String disposition(String servedType, String key) {
		if (!UNCHECKED.equals(servedType)) {
			return "inline";
		}
		String name = key.substring(key.lastIndexOf('/') + 1);
		String ascii = name.replaceAll("[^A-Za-z0-9._-]", "_");
		return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + UrlKeys.encode(name).replace('~', '%');
	}

}
