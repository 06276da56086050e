package me.klepp.rendition.playback;

/**
 * How an upload is made playable, and why.
 *
 * @param way    {@link Way#ORIGINAL}, {@link Way#REMUX} or {@link Way#TRANSCODE}
 * @param reason for people: what about the source took this way
 */
public record Decision(Way way, String reason) {

	public enum Way {
		/** Web-safe as uploaded: served as it is. */
		ORIGINAL,
		/** Web-safe streams in the wrong wrapper: copied into an MP4 with the index first, not re-encoded. */
		REMUX,
		/** Encoded again: H.264 High 4:2:0 8-bit + AAC in MP4, index first. */
		TRANSCODE
	}

}
