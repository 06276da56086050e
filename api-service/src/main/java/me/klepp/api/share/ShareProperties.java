package me.klepp.api.share;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param baseUrl where share pages are served, e.g. {@code https://share.klepp.example}; empty: this API's own
 * root, which serves them too
 */
@ConfigurationProperties("klepp.share")
public record ShareProperties(URI baseUrl) {

	/** The share page of {@code key}, given the API's own base URL as fallback. */
	public String pageOf(String key, String apiBase) {
		String base = baseUrl == null ? apiBase : baseUrl.toString().replaceAll("/+$", "");
		return org.springframework.web.util.UriComponentsBuilder.fromUriString(base + "/")
			.queryParam("path", "{path}")
			.encode()
			.buildAndExpand(key)
			.toUriString();
	}

}
