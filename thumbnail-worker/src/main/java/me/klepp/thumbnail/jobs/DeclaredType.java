package me.klepp.thumbnail.jobs;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import me.klepp.thumbnail.media.MediaAnalysis;

/**
 * Whether an upload's bytes are what its stored Content-Type says. The API serves a processed file inline as that
 * type, so a file that only claims to be, say, a PNG must end failed: it is then served as an opaque download. Only
 * the types klepp serves inline are checked; any other type is never served as itself anyway.
 */
final class DeclaredType {

	/** Per declared video type, the FFmpeg container names any of which its bytes must be in. */
	private static final Map<String, Set<String>> CONTAINERS = Map.of(
			"video/mp4", Set.of("mp4", "mov"),
			"video/quicktime", Set.of("mov", "mp4"),
			"video/webm", Set.of("webm", "matroska"),
			"video/x-matroska", Set.of("matroska", "webm"));

	/** Per declared image type, the FFmpeg codec names its picture must be of. */
	private static final Map<String, Set<String>> PICTURE_CODECS = Map.of(
			"image/png", Set.of("png", "apng"),
			"image/jpeg", Set.of("mjpeg"),
			"image/gif", Set.of("gif"),
			"image/webp", Set.of("webp"));

	private DeclaredType() {
	}

	/** Why the bytes are not of the declared type; empty when they are, or when the type is not checked. */
	static Optional<String> mismatch(String contentType, MediaAnalysis analysis) {
		if (contentType == null) {
			return Optional.empty();
		}
		String type = normalize(contentType);
		Set<String> containers = CONTAINERS.get(type);
		if (containers != null) {
			boolean fits = Arrays.stream(analysis.container().split(",")).anyMatch(containers::contains);
			return fits ? Optional.empty() : Optional.of("the content (" + describe(analysis)
					+ ") is not " + type + " as declared");
		}
		Set<String> codecs = PICTURE_CODECS.get(type);
		if (codecs != null) {
			boolean fits = analysis.isImage() && codecs.contains(analysis.videoCodec());
			return fits ? Optional.empty() : Optional.of("the content (" + describe(analysis)
					+ ") is not " + type + " as declared");
		}
		return Optional.empty();
	}

	private static String describe(MediaAnalysis analysis) {
		return analysis.kind() + ", " + analysis.videoCodec() + " in " + analysis.container();
	}

	private static String normalize(String contentType) {
		int parameters = contentType.indexOf(';');
		return (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip().toLowerCase(Locale.ROOT);
	}

}
