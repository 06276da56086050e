package me.klepp.messaging;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.awspring.cloud.sqs.listener.Visibility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one received message invisible while its job runs: the visibility is set to the timeout at once (the
 * queue's own default may be shorter than a job) and renewed every third of it, since Spring Cloud AWS does not
 * do that. If the worker dies, renewals stop and the message comes back within the timeout.
 */
public final class Lease implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Lease.class);

	private final Visibility visibility;

	private final int seconds;

	private ScheduledFuture<?> renewals;

	private boolean over;

	private Lease(Visibility visibility, int seconds) {
		this.visibility = visibility;
		this.seconds = seconds;
	}

	public static Lease hold(Visibility visibility, ScheduledExecutorService timer, Duration timeout) {
		Lease lease = new Lease(visibility, (int) Math.min(Visibility.MAX_VISIBILITY_TIMEOUT_SECONDS, timeout.toSeconds()));
		lease.renewals = timer.scheduleAtFixedRate(lease::renew, 0, Math.max(1, lease.seconds / 3), TimeUnit.SECONDS);
		return lease;
	}

	private synchronized void renew() {
		if (over) {
			return;
		}
		try {
			visibility.changeTo(seconds);
		}
		catch (RuntimeException e) {
			// the next renewal may get through; if none does, the message is delivered again: at least once
			log.warn("could not extend the visibility of a message: {}", e.toString());
		}
	}

	/** Stops renewing and lets the message come back after {@code delay} (for a retry). */
	public synchronized void releaseFor(Duration delay) {
		stop();
		try {
			visibility.changeTo((int) Math.min(Visibility.MAX_VISIBILITY_TIMEOUT_SECONDS, delay.toSeconds()));
		}
		catch (RuntimeException e) {
			log.warn("could not set the retry delay of a message (it returns after its last visibility): {}",
					e.toString());
		}
	}

	/** Stops renewing (the message is about to be acknowledged, or released). */
	@Override
	public synchronized void close() {
		stop();
	}

	private void stop() {
		over = true;
		renewals.cancel(false);
	}

}
