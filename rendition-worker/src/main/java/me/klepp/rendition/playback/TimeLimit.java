package me.klepp.rendition.playback;

import java.time.Duration;

/**
 * A job's time limit, checked between packets (FFmpeg's calls cannot be interrupted from outside) or waited for
 * (a transcode's process, ended when it is reached).
 */
final class TimeLimit {

	private final Duration limit;

	private final long deadline;

	private TimeLimit(Duration limit) {
		this.limit = limit;
		this.deadline = System.nanoTime() + limit.toNanos();
	}

	static TimeLimit start(Duration limit) {
		return new TimeLimit(limit);
	}

	/** What is left of it; zero or less once it is reached. */
	java.time.Duration remaining() {
		return java.time.Duration.ofNanos(deadline - System.nanoTime());
	}

	RenditionException exceeded() {
		return RenditionException.timedOut(limit);
	}

	void check() throws RenditionException {
		if (System.nanoTime() - deadline > 0) {
			throw RenditionException.timedOut(limit);
		}
	}

}
