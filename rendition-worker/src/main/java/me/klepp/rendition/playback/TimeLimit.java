package me.klepp.rendition.playback;

import java.time.Duration;

/** A job's time limit, checked between packets or frames (FFmpeg's calls cannot be interrupted from outside). */
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

	void check() throws RenditionException {
		if (System.nanoTime() - deadline > 0) {
			throw RenditionException.timedOut(limit);
		}
	}

}
