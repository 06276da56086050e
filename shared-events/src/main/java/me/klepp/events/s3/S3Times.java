package me.klepp.events.s3;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

final class S3Times {

    // S3 always writes UTC with exactly three fraction digits.
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private S3Times() {
    }

    static String format(Instant time) {
        return FORMAT.format(time);
    }
}
