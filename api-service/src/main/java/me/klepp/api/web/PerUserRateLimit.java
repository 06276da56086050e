package me.klepp.api.web;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import me.klepp.api.problems.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A token bucket per user (case-insensitive): {@code perMinute} at once, refilled continuously at that rate.
 * Per API instance, like the upload limit: it stops a runaway script, not a determined attacker with many
 * instances to hit.
 */
public final class PerUserRateLimit {

	private final int perMinute;

	private final String what;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	/** @param what what is limited, for the problem detail ("profile pictures", "tags created") */
	public PerUserRateLimit(int perMinute, String what) {
		this.perMinute = perMinute;
		this.what = what;
	}

	/** Takes one token of the user's bucket, or throws a 429 problem with {@code Retry-After} when there is none. */
	public void take(String username) {
		long waitSeconds = tryTake(username);
		if (waitSeconds > 0) {
			ErrorResponseException tooMany = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "too many " + what
					+ " (at most " + perMinute + " a minute); try again in " + waitSeconds + " s");
			tooMany.getHeaders().set("Retry-After", Long.toString(waitSeconds));
			throw tooMany;
		}
	}

	/** Takes one token of the user's bucket: 0 when there was one, else the seconds until there is. */
	public long tryTake(String username) {
		return buckets.computeIfAbsent(username.toLowerCase(Locale.ROOT), name -> new Bucket()).take(perMinute);
	}

	private static final class Bucket {

		private double tokens = -1;

		private long updatedNanos = System.nanoTime();

		synchronized long take(int perMinute) {
			long now = System.nanoTime();
			double perNano = perMinute / (double) Duration.ofMinutes(1).toNanos();
			tokens = tokens < 0 ? perMinute : Math.min(perMinute, tokens + (now - updatedNanos) * perNano);
			updatedNanos = now;
			if (tokens >= 1) {
				tokens -= 1;
				return 0;
			}
			return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1_000_000_000L));
		}

	}

}
