package me.klepp.thumbnail.media;

import java.time.Duration;

/**
 * Guards against uploads that would tie a worker up or exhaust its memory. A file beyond them fails for good.
 *
 * @param maxPixels   largest picture (width x height as stored) that is decoded; a decoded 8K frame alone takes
 *                    130 MB
 * @param maxDuration longest clip accepted (a damaged header can also claim days)
 */
public record Limits(long maxPixels, Duration maxDuration) {

    /** 8K UHD (7680x4320 = 33.2 MP) fits; six hours of video. */
    public static final Limits DEFAULT = new Limits(36_000_000L, Duration.ofHours(6));

    public Limits {
        if (maxPixels < 1 || maxDuration == null || maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException("limits must be positive: " + maxPixels + " pixels, " + maxDuration);
        }
    }
}
