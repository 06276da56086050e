package me.klepp.api.files;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param defaultMedia what the feed lists when a request names no {@code media}: {@code playable} (videos every
 * browser plays as they are, in a {@code .mp4} URI: all the published frontend shows, so its pages of 12 stay
 * full), {@code video}, {@code image} or {@code all}
 */
@ConfigurationProperties("klepp.feed")
record FeedProperties(String defaultMedia) {

	FeedProperties {
		defaultMedia = defaultMedia == null || defaultMedia.isBlank() ? FeedQuery.Media.PLAYABLE.name() : defaultMedia;
		FeedQuery.Media.parse(defaultMedia);
	}

	FeedQuery.Media media() {
		return FeedQuery.Media.parse(defaultMedia);
	}

}
