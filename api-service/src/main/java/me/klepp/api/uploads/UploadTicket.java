package me.klepp.api.uploads;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How to upload: send {@code method} to {@code upload_url} with exactly {@code headers}, before
 * {@code expires_at}. {@code path} identifies the file from then on. The headers are signed, among them
 * {@code If-None-Match: *}: the URL writes the object once, and a second PUT gets 412 (docs/adr/0016).
 */
record UploadTicket(String path, @JsonProperty("upload_url") String uploadUrl, String method,
		Map<String, String> headers, @JsonProperty("expires_at") Instant expiresAt) {
}
