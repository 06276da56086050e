package me.klepp.rendition.playback;

import java.util.Set;

/**
 * What a video upload is, as far as playing it in a browser goes.
 *
 * @param container    FFmpeg's names of the demuxer, e.g. {@code mov,mp4,m4a,3gp,3g2,mj2} or {@code matroska,webm}
 * @param quickTime    whether an ISO-BMFF file is QuickTime ({@code qt  } brand) rather than MP4
 * @param indexFirst   for MP4/QuickTime: the index ({@code moov}) comes before the media data, so a browser can
 *                     start playing after the first bytes; false for other containers
 * @param videoCodec   FFmpeg codec name ({@code h264}, {@code hevc}, {@code vp9}, {@code av1}, ...)
 * @param profile      codec profile name ({@code High}, {@code Main 10}, ...); null when unknown
 * @param pixelFormat  FFmpeg pixel format name ({@code yuv420p}, {@code yuv420p10le}, ...)
 * @param bitDepth     bits per sample of the luma plane
 * @param chroma420    whether chroma is subsampled 2x2 (4:2:0)
 * @param transfer     the colour transfer: {@link #PQ}, {@link #HLG}, or null for SDR / unknown
 * @param rotation     clockwise degrees (0, 90, 180, 270) a player turns the stored picture by
 * @param width        stored (coded) width in pixels
 * @param height       stored height in pixels
 * @param fps          average frame rate; 0 when unknown
 * @param durationUs   container duration in microseconds; 0 when unknown
 * @param audioCodec   FFmpeg codec name of the first audio stream, null when there is none
 */
record SourceProbe(
		String container,
		boolean quickTime,
		boolean indexFirst,
		String videoCodec,
		String profile,
		String pixelFormat,
		int bitDepth,
		boolean chroma420,
		String transfer,
		int rotation,
		int width,
		int height,
		double fps,
		long durationUs,
		String audioCodec) {

	static final String PQ = "smpte2084";

	static final String HLG = "arib-std-b67";

	private static final Set<String> ISO_BMFF = Set.of("mov", "mp4");

	boolean isoBmff() {
		for (String name : container.split(",")) {
			if (ISO_BMFF.contains(name)) {
				return true;
			}
		}
		return false;
	}

	boolean mp4() {
		return isoBmff() && !quickTime;
	}

	boolean hasAudio() {
		return audioCodec != null;
	}

	boolean hdr() {
		return transfer != null;
	}

	boolean quarterTurn() {
		return rotation == 90 || rotation == 270;
	}

	/** Width as a player shows it (rotation applied). */
	int displayWidth() {
		return quarterTurn() ? height : width;
	}

	/** Height as a player shows it (rotation applied). */
	int displayHeight() {
		return quarterTurn() ? width : height;
	}

	/** For people: {@code h264 High yuv420p in mov,mp4 (index last)}. */
	String describe() {
		return videoCodec + (profile == null ? "" : " " + profile) + " " + pixelFormat
				+ (transfer == null ? "" : " " + transfer) + (hasAudio() ? " + " + audioCodec : "") + " in "
				+ (quickTime ? "quicktime" : container) + (isoBmff() ? (indexFirst ? " (index first)" : " (index last)")
						: "")
				+ (rotation == 0 ? "" : ", rotated " + rotation);
	}

}
