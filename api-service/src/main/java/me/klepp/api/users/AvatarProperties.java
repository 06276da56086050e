package me.klepp.api.users;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param perUserPerMinute profile pictures one user may upload per minute (per API instance); over it: 429
 * @param concurrent profile pictures read and scaled at once per API instance; more at the same moment get a
 * 429 at once, so a burst cannot hold more than this many pictures in memory
 */
@ConfigurationProperties("klepp.avatars")
record AvatarProperties(Integer perUserPerMinute, Integer concurrent) {

	AvatarProperties {
		perUserPerMinute = perUserPerMinute == null ? 5 : perUserPerMinute;
		concurrent = concurrent == null ? 2 : concurrent;
	}

}
