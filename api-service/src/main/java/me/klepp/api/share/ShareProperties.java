package me.klepp.api.share;

import java.net.URI;

import me.klepp.api.storage.UrlKeys;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param baseUrl where share pages are served, e.g. {@code https://share.klepp.example}; empty: this API's own
 * root, which serves them too
 */
@ConfigurationProperties("klepp.share")
public record ShareProperties(URI baseUrl) {

	/**
	 * The share page of {@code key}, given the API's own base URL as fallback: {@code <base>/s/<key>}, the key
	 * written as {@link UrlKeys} does, so the link survives {@code encodeURI()} and chat clients' link detection
	 * ({@code /?path=<key>}, the predecessor's form, is served too).
	 */
	public String pageOf(String key, String apiBase) {
		String base = baseUrl == null ? apiBase : baseUrl.toString().replaceAll("/+$", "");
		return base + SharePageController.PATH + UrlKeys.encode(key);
	}

}
