package me.klepp.rendition.playback;

import java.time.Duration;
import java.util.function.IntConsumer;

/**
 * Turns ffmpeg's progress lines ({@code out_time_us=…}, from {@code -progress pipe:1}) into a percentage of the
 * clip, passed on at each further tenth, and no more often than {@code interval}.
 */
final class Progress {

	private final long durationUs;

	private final long intervalNanos;

	private final IntConsumer listener;

	private int reported;

	private long reportedAt;

	Progress(long durationUs, Duration interval, IntConsumer listener) {
		this.durationUs = durationUs;
		this.intervalNanos = interval.toNanos();
		this.listener = listener;
		this.reportedAt = System.nanoTime();
	}

	void line(String line) {
		if (durationUs <= 0 || !line.startsWith("out_time_us=")) {
			return;
		}
		long doneUs;
		try {
			doneUs = Long.parseLong(line.substring("out_time_us=".length()).strip());
		}
		catch (NumberFormatException e) {
			return; // "N/A" before the first frame is out
		}
		int percent = (int) Math.max(0, Math.min(100, doneUs * 100 / durationUs));
		long now = System.nanoTime();
		if (percent >= reported + 10 && now - reportedAt >= intervalNanos) {
			reported = percent - percent % 10;
			reportedAt = now;
			listener.accept(reported);
		}
	}

}
