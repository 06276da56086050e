package me.klepp.api.storage;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Object keys in URLs: each path segment percent-encoded, slashes kept. */
public final class S3Keys {

	private S3Keys() {
	}

	public static String encodePath(String key) {
		return Arrays.stream(key.split("/", -1))
			.map(segment -> URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"))
			.collect(Collectors.joining("/"));
	}

}
