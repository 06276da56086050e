package me.klepp.api.storage;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The only content types klepp accepts and serves user files as: the ones its worker processes. Anything else,
 * and any file the worker has not confirmed to be what its type says, is served as an attachment of type
 * {@code application/octet-stream}, so a browser never renders uploaded HTML or SVG under klepp's name.
 */
public final class ServedTypes {

	/**
	 * Each type klepp accepts (at presign and streamed upload) and serves, with the file extensions a key of it may
	 * have, the usual one first. The one list: uploads check against it, and links serve only its types.
	 */
	public static final Map<String, List<String>> EXTENSIONS_BY_TYPE = Map.of("video/mp4", List.of("mp4", "m4v"),
			"video/webm", List.of("webm"), "video/quicktime", List.of("mov", "qt"), "video/x-matroska", List.of("mkv"),
			"image/png", List.of("png"), "image/jpeg", List.of("jpg", "jpeg", "jpe", "jfif"), "image/gif",
			List.of("gif"), "image/webp", List.of("webp"));

	static final String UNCHECKED = "application/octet-stream";

	private ServedTypes() {
	}

	public static boolean accepted(String contentType) {
		return contentType != null && EXTENSIONS_BY_TYPE.containsKey(normalize(contentType));
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
