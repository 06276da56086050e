package me.klepp.api.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param allowedOrigins origins of the frontend allowed to call the API from a browser, e.g.
 * {@code https://klepp.example}; empty allows none
 */
@ConfigurationProperties("klepp.cors")
public record CorsProperties(List<String> allowedOrigins) {

	public CorsProperties {
		allowedOrigins = allowedOrigins == null ? List.of()
				: allowedOrigins.stream().map(String::strip).filter(origin -> !origin.isEmpty()).toList();
	}

}
