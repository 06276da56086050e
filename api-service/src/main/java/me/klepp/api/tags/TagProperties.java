package me.klepp.api.tags;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param perUserPerMinute tags one user may create per minute (per API instance), with {@code POST /api/v2/tags}
 * or by naming new tags in an edit; over it: 429
 */
@ConfigurationProperties("klepp.tags")
record TagProperties(Integer perUserPerMinute) {

	TagProperties {
		perUserPerMinute = perUserPerMinute == null ? 20 : perUserPerMinute;
	}

}
