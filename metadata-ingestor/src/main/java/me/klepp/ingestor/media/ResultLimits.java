package me.klepp.ingestor.media;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Bounds of a believable worker result; a result outside them is dead-lettered, not stored. Keep them at least as
 * wide as the thumbnail worker's own limits ({@code klepp.thumbnail.max-pixels}, {@code max-duration}).
 *
 * @param maxPixels largest width x height of a file (the worker decodes at most 36 Mpx by default)
 * @param maxSide largest width or height of a file or a derived picture, in pixels
 * @param maxDuration longest clip (the worker processes at most 6 h by default)
 */
@ConfigurationProperties("klepp.ingestor.results")
public record ResultLimits(long maxPixels, int maxSide, Duration maxDuration) {

	public ResultLimits {
		maxPixels = maxPixels <= 0 ? 36_000_000L : maxPixels;
		maxSide = maxSide <= 0 ? 16_384 : maxSide;
		maxDuration = maxDuration == null ? Duration.ofHours(24) : maxDuration;
	}

}
