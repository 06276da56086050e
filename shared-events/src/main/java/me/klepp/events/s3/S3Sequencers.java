package me.klepp.events.s3;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Orders S3 notification sequencers, which are only comparable for events on the same object key. AWS: sequencers
 * may differ in length; right-pad the shorter with zeros, then compare as hex. A null (no sequencer) sorts first.
 */
public final class S3Sequencers {

    private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]*");

    private S3Sequencers() {
    }

    /** Usable as a {@code Comparator<String>}: {@code S3Sequencers::compare}. */
    public static int compare(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        int length = Math.max(a.length(), b.length());
        // At equal length, upper-case hex digits compare lexicographically as they do numerically.
        return padded(a, length).compareTo(padded(b, length));
    }

    private static String padded(String sequencer, int length) {
        if (!HEX.matcher(sequencer).matches()) {
            throw new IllegalArgumentException("not a hex sequencer: " + sequencer);
        }
        return sequencer.toUpperCase(Locale.ROOT) + "0".repeat(length - sequencer.length());
    }
}
