package me.klepp.events.s3;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/** S3 notifications carry object keys form-encoded: {@code +} for a space, %XX for UTF-8 bytes, {@code /} as is. */
final class S3Keys {

    private S3Keys() {
    }

    static String decode(String encoded) {
        return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    }

    static String encode(String key) {
        // limit -1 keeps empty segments, so "folder/" and "a//b" survive the round trip.
        return Arrays.stream(key.split("/", -1))
                .map(segment -> URLEncoder.encode(segment, StandardCharsets.UTF_8))
                .collect(Collectors.joining("/"));
    }
}
