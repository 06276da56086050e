package me.klepp.rendition.playback;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How renditions are made.
 *
 * @param maxLines     the shorter side of a transcoded picture at most this many pixels (1080: landscape clips at
 *                     most 1080 lines tall, portrait ones 1080 wide); never upscaled
 * @param maxFps       a transcode keeps the source's frame rate up to this
 * @param videoEncoder FFmpeg's H.264 encoder: {@code libx264} (the default, ADR 19) or {@code libopenh264}, which
 *                     is also in the LGPL build of JavaCV's FFmpeg
 * @param preset       libx264's speed preset ({@code ultrafast} … {@code veryslow}): slower presets give fewer bits
 *                     for the same picture; {@code veryfast} transcodes 1080p60 at about 0.6 times real time on 2 cores
 * @param crf          libx264's constant rate factor: the quality kept, lower is better (18 near transparent,
 *                     23 x264's default); the bit rate follows the picture, capped by {@code bitsPerPixel}
 * @param bitsPerPixel video bit rate per pixel and frame: libx264's cap (with a buffer of two seconds),
 *                     OpenH264's target (0.08 gives about 10 Mbit/s at 1080p60)
 * @param audioBitrate AAC bit rate of a transcode, bits/s
 * @param timeLimit    the time one remux or transcode may take, at least: a clip gets this plus
 *                     {@code timeLimitPerMinute} per minute it lasts; past it the job stops and is retried
 * @param timeLimitPerMinute added to {@code timeLimit} per minute of the clip
 * @param progressInterval a transcode reports how far it got at most this often (and every tenth of the clip)
 */
@ConfigurationProperties("klepp.rendition")
public record RenditionProperties(Integer maxLines, Integer maxFps, String videoEncoder, String preset,
		Integer crf, Double bitsPerPixel, Integer audioBitrate, Duration timeLimit, Duration timeLimitPerMinute,
		Duration progressInterval) {

	/** The presets libx264 knows, fastest first. */
	private static final java.util.List<String> PRESETS = java.util.List.of("ultrafast", "superfast", "veryfast",
			"faster", "fast", "medium", "slow", "slower", "veryslow", "placebo");

	public RenditionProperties {
		maxLines = maxLines == null ? 1080 : maxLines;
		maxFps = maxFps == null ? 60 : maxFps;
		videoEncoder = videoEncoder == null ? "libx264" : videoEncoder;
		preset = preset == null ? "veryfast" : preset;
		crf = crf == null ? 21 : crf;
		bitsPerPixel = bitsPerPixel == null ? 0.08 : bitsPerPixel;
		audioBitrate = audioBitrate == null ? 160_000 : audioBitrate;
		timeLimit = timeLimit == null ? Duration.ofMinutes(2) : timeLimit;
		timeLimitPerMinute = timeLimitPerMinute == null ? Duration.ofMinutes(2) : timeLimitPerMinute;
		progressInterval = progressInterval == null ? Duration.ofSeconds(5) : progressInterval;
		if (!PRESETS.contains(preset) || crf < 0 || crf > 51) {
			throw new IllegalArgumentException("klepp.rendition: preset one of " + PRESETS + " and crf 0–51, not "
					+ preset + " and " + crf);
		}
		if (maxLines < 16 || maxFps < 1 || bitsPerPixel <= 0 || audioBitrate < 16_000) {
			throw new IllegalArgumentException("klepp.rendition: max-lines ≥ 16, max-fps ≥ 1, bits-per-pixel > 0 and "
					+ "audio-bitrate ≥ 16000, not " + maxLines + ", " + maxFps + ", " + bitsPerPixel + ", "
					+ audioBitrate);
		}
	}

	public static RenditionProperties defaults() {
		return new RenditionProperties(null, null, null, null, null, null, null, null, null, null);
	}

	/** The time a clip lasting {@code durationUs} may take to remux or transcode. */
	Duration timeLimit(long durationUs) {
		double minutes = Math.max(0, durationUs) / 60e6;
		return timeLimit.plusMillis(Math.round(timeLimitPerMinute.toMillis() * minutes));
	}

	boolean x264() {
		return "libx264".equals(videoEncoder);
	}

}
