package me.klepp.api.tags;

import me.klepp.api.web.PerUserRateLimit;
import org.springframework.stereotype.Component;

/**
 * The per-user limit on creating tags, wherever they are created (the tag route, or an edit naming new tags): tags
 * are listed to everyone once a public file carries them, so a script must not be able to flood the list.
 */
@Component
public class TagCreations {

	private final PerUserRateLimit limit;

	TagCreations(TagProperties properties) {
		this.limit = new PerUserRateLimit(properties.perUserPerMinute(), "tags created");
	}

	/** Counts one tag created by the user; a 429 problem (with {@code Retry-After}) when over the limit. */
	public void count(String username) {
		limit.take(username);
	}

}
