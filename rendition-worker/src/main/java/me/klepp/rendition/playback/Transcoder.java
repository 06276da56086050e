package me.klepp.rendition.playback;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes a video again as H.264 4:2:0 8-bit + AAC in an MP4 with the index first: the picture turned upright (no
 * rotation left for a player to apply), HDR tone-mapped to SDR, the shorter side at most {@code maxLines} (never
 * upscaled, even dimensions), the frame rate at most {@code maxFps}, each frame at its own time; audio re-encoded
 * alongside, in sync.
 *
 * <p>The work is done by the {@code ffmpeg} executable of the same FFmpeg build the worker links (ADR 20), in a
 * process of its own: its pipeline decodes, filters and encodes on threads of their own (a loop through JavaCV's
 * frames took 1.25 times as long), a crash of a decoder on a hostile file ends that process and not the worker,
 * and a job past its time limit is stopped by ending the process.
 */
final class Transcoder {

	private final RenditionProperties properties;

	Transcoder(RenditionProperties properties) {
		this.properties = properties;
	}

	/** The picture size of the transcode of this source: rotation applied, capped, even. */
	Size outputSize(SourceProbe probe) {
		int width = probe.displayWidth();
		int height = probe.displayHeight();
		double scale = Math.min(1.0, properties.maxLines() / (double) Math.min(width, height));
		return new Size(even(width * scale), even(height * scale));
	}

	double outputFps(SourceProbe probe) {
		double fps = probe.fps() > 0 ? probe.fps() : 30;
		return Math.min(fps, properties.maxFps());
	}

	void transcode(Path source, SourceProbe probe, Path target, TimeLimit limit,
			java.util.function.IntConsumer progress) throws RenditionException {
		FfmpegProcess.run(arguments(source, probe, target), limit,
				new Progress(probe.durationUs(), properties.progressInterval(), progress));
	}

	/** The {@code ffmpeg} arguments of the transcode (the benchmark runs the same ones by hand). */
	List<String> arguments(Path source, SourceProbe probe, Path target) {
		Size size = outputSize(probe);
		double fps = outputFps(probe);
		// the filters below turn the picture upright themselves; ffmpeg's own rotation would do it twice
		List<String> command = new ArrayList<>(List.of("-noautorotate", "-i", source.toString(), "-map", "0:v:0",
				"-vf", filters(probe, size, fps), "-c:v", properties.videoEncoder()));
		long bitrate = videoBitrate(size, fps);
		if (properties.x264()) {
			// quality first (CRF), with a cap so a noisy clip does not come out larger than its source
			x264Options(bitrate).forEach((option, value) -> {
				command.add("-" + option + ":v");
				command.add(value);
			});
		}
		else {
			command.addAll(List.of("-b:v", Long.toString(bitrate)));
		}
		// every frame at its own time (variable frame rates, dropped frames), none duplicated to fill gaps
		command.addAll(List.of("-g", Integer.toString(gopSize(fps)), "-fps_mode", "vfr", "-pix_fmt", "yuv420p"));
		if (probe.hasAudio()) {
			command.addAll(List.of("-map", "0:a:0", "-c:a", "aac", "-b:a", Integer.toString(properties.audioBitrate())));
		}
		command.addAll(List.of("-sn", "-dn", "-map_metadata", "-1", "-movflags", "+faststart", "-f", "mp4",
				target.toString()));
		return command;
	}

	/** libx264's cap, OpenH264's target: {@code bitsPerPixel} per pixel and frame, at least 200 kbit/s. */
	long videoBitrate(Size size, double fps) {
		return Math.min(Integer.MAX_VALUE, Math.max(200_000,
				Math.round(size.width() * (double) size.height() * fps * properties.bitsPerPixel())));
	}

	/** Frames from one keyframe to the next: two seconds, so a browser can seek without decoding far. */
	static int gopSize(double fps) {
		return (int) Math.max(1, Math.round(fps * 2));
	}

	/**
	 * libx264's settings: {@code -preset … -crf … -maxrate … -bufsize … -profile high}.
	 */
	java.util.Map<String, String> x264Options(long bitrate) {
		java.util.Map<String, String> options = new java.util.LinkedHashMap<>();
		options.put("preset", properties.preset());
		options.put("crf", Integer.toString(properties.crf()));
		options.put("maxrate", Long.toString(bitrate));
		options.put("bufsize", Long.toString(2 * bitrate));
		options.put("profile", "high");
		return options;
	}

	/** The filter graph: tone mapping, rotation, frame rate, size, in that order. */
	String filters(SourceProbe probe, Size size, double fps) {
		List<String> chain = new ArrayList<>();
		if (probe.hdr()) {
			// The decoded frames carry no colour tags into the graph: every input property is named. zimg wants
			// matrix, transfer and primaries changed in one step into linear RGB, then the tone mapping, then BT.709.
			chain.add("zscale=tin=" + probe.transfer() + ":min=bt2020nc:pin=bt2020:rin=tv:t=linear:npl=100:p=bt709:m=gbr");
			chain.add("format=gbrpf32le");
			chain.add("tonemap=tonemap=hable:desat=0");
			chain.add("zscale=tin=linear:t=bt709:m=bt709:r=tv");
		}
		switch (probe.rotation()) {
			case 90 -> chain.add("transpose=clock");
			case 180 -> chain.add("hflip,vflip");
			case 270 -> chain.add("transpose=cclock");
			default -> {
			}
		}
		if (probe.fps() > fps) {
			chain.add("fps=" + fps);
		}
		chain.add("scale=" + size.width() + ":" + size.height() + ":flags=bicubic");
		chain.add("setsar=1");
		chain.add("format=yuv420p");
		return String.join(",", chain);
	}

	private static int even(double pixels) {
		int rounded = (int) Math.round(pixels);
		return Math.max(2, rounded - rounded % 2);
	}

	record Size(int width, int height) {
	}

}
