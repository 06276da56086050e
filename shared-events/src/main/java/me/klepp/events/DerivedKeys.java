package me.klepp.events;

import java.util.List;

/**
 * Where the derived objects of an upload live in the derived bucket, the one rule the worker (writing them), the
 * ingestor (accepting and recording them) and the API (deleting them) share.
 * <p>
 * An upload {@code <key>} has at most four derived objects, at exactly these keys: {@code <key>/poster.jpg},
 * {@code <key>/thumbnail.jpg}, {@code <key>/preview.mp4} and {@code <key>/playable.mp4} (a video's web-playable
 * rendition). A key belongs to an upload only if it is one of these; being "under {@code <key>/}" is not enough, because an upload key can be a folder of other things' keys:
 * the upload {@code alice} would own everything of {@code alice/x.mp4}, and {@code avatars/alice} alice's profile
 * pictures. So derived objects are deleted by exact key, never by prefix. Profile pictures live at
 * {@code avatars/<user>/<uuid>.jpg}, a name no upload's derived object can have (it never ends in one of these
 * names). The layout is the one every deployment already has: rows keep the keys they stored.
 */
public final class DerivedKeys {

	public static final String POSTER = "poster.jpg";

	public static final String THUMBNAIL = "thumbnail.jpg";

	public static final String PREVIEW = "preview.mp4";

	public static final String PLAYABLE = "playable.mp4";

	private static final List<String> NAMES = List.of(POSTER, THUMBNAIL, PREVIEW, PLAYABLE);

	private DerivedKeys() {
	}

	public static String poster(String uploadKey) {
		return uploadKey + "/" + POSTER;
	}

	public static String thumbnail(String uploadKey) {
		return uploadKey + "/" + THUMBNAIL;
	}

	public static String preview(String uploadKey) {
		return uploadKey + "/" + PREVIEW;
	}

	/** A video's web-playable rendition (H.264 + AAC in MP4, index first), when its original is not. */
	public static String playable(String uploadKey) {
		return uploadKey + "/" + PLAYABLE;
	}

	/** Every key a derived object of the upload can have, whether or not it exists. */
	public static List<String> all(String uploadKey) {
		return NAMES.stream().map(name -> uploadKey + "/" + name).toList();
	}

	/** Whether {@code derivedKey} is one of the upload's own derived objects (null is nobody's). */
	public static boolean belongsTo(String uploadKey, String derivedKey) {
		return derivedKey != null && all(uploadKey).contains(derivedKey);
	}

	/** A profile picture of the user: {@code avatars/<user>/<id>.jpg}. */
	public static String avatar(String username, java.util.UUID id) {
		return "avatars/" + username + "/" + id + ".jpg";
	}

}
