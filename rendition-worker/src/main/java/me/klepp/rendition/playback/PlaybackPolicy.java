package me.klepp.rendition.playback;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What every browser plays as it is: H.264 (8-bit, 4:2:0, a profile up to High) with AAC or no audio, in MP4 with
 * the index first. An upload that is all of that is served as it is; one whose streams are but whose wrapper is not
 * (Matroska, QuickTime, an MP4 with its index last) is remuxed; anything else is transcoded. Only the policy decides;
 * it reads the probe and nothing else.
 */
final class PlaybackPolicy {

	private static final Set<String> WEB_SAFE_PROFILES = Set.of("Baseline", "Constrained Baseline", "Main",
			"Extended", "High");

	private PlaybackPolicy() {
	}

	static Decision decide(SourceProbe source) {
		List<String> notWebSafe = new ArrayList<>();
		if (!"h264".equals(source.videoCodec())) {
			notWebSafe.add(source.videoCodec() + " video");
		}
		else if (source.profile() != null && !WEB_SAFE_PROFILES.contains(source.profile())) {
			notWebSafe.add("H.264 " + source.profile());
		}
		if (source.bitDepth() != 8) {
			notWebSafe.add(source.bitDepth() + "-bit");
		}
		if (!source.chroma420()) {
			notWebSafe.add(source.pixelFormat() + " (not 4:2:0)");
		}
		if (source.hdr()) {
			notWebSafe.add("HDR (" + source.transfer() + ")");
		}
		if (source.hasAudio() && !"aac".equals(source.audioCodec())) {
			notWebSafe.add(source.audioCodec() + " audio");
		}
		if (!notWebSafe.isEmpty()) {
			return new Decision(Decision.Way.TRANSCODE, String.join(", ", notWebSafe) + ": " + source.describe());
		}
		if (!source.mp4()) {
			return new Decision(Decision.Way.REMUX, "web-safe streams in " + (source.quickTime() ? "QuickTime"
					: source.container()) + ": " + source.describe());
		}
		if (!source.indexFirst()) {
			return new Decision(Decision.Way.REMUX, "MP4 with its index last: " + source.describe());
		}
		return new Decision(Decision.Way.ORIGINAL, "web-safe: " + source.describe());
	}

}
