package me.klepp.messaging;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.awspring.cloud.sqs.listener.Visibility;
import me.klepp.events.MalformedEventException;
import me.klepp.events.UnsupportedEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * How the worker handles one delivered message, whichever queue it came from. The message stays invisible while
 * the work runs ({@link Lease}); when the work succeeds the listener acknowledges it. When it throws, the message
 * is not acknowledged and comes back after a back-off that doubles with every delivery (15 s, 30 s, 1 min, ...),
 * until the queue's redrive policy dead-letters it. A message that can never be read (not JSON, unknown event
 * type) is rethrown for the listener's {@code MessageHandling} to move to the dead-letter queue at once.
 */
public final class Deliveries implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

	private final Duration visibilityTimeout;

	private final Duration retryBackoff;

	private final Duration retryBackoffMax;

	private final ScheduledExecutorService timer;

	/**
	 * @param worker            names the renewal thread ({@code <worker>-visibility})
	 * @param visibilityTimeout how long a message stays invisible between renewals of a running job
	 * @param retryBackoff      delay before a failed message returns on its first failure; doubles each time
	 * @param retryBackoffMax   the longest such delay
	 */
	public Deliveries(String worker, Duration visibilityTimeout, Duration retryBackoff, Duration retryBackoffMax) {
		this.visibilityTimeout = visibilityTimeout;
		this.retryBackoff = retryBackoff;
		this.retryBackoffMax = retryBackoffMax;
		this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, worker + "-visibility");
			thread.setDaemon(true);
			return thread;
		});
	}

	/** The work of one message, given its delivery number (1 for the first). */
	@FunctionalInterface
	public interface Work {

		void run(int attempt);

	}

	/**
	 * @param receiveCount SQS's {@code ApproximateReceiveCount} of the message
	 */
	public void handle(Visibility visibility, String receiveCount, Work work) {
		int attempt = attempt(receiveCount);
		Lease lease = Lease.hold(visibility, timer, visibilityTimeout);
		try {
			work.run(attempt);
		}
		catch (MalformedEventException | UnsupportedEventException poison) {
			lease.releaseFor(Duration.ZERO);
			throw poison;
		}
		catch (RuntimeException e) {
			Duration delay = backoff(attempt);
			log.warn("message failed on delivery {}, back in {} s: {}", attempt, delay.toSeconds(), e.toString());
			lease.releaseFor(delay);
			throw e;
		}
		finally {
			lease.close();
		}
	}

	Duration backoff(int attempt) {
		Duration delay = retryBackoff.multipliedBy(1L << Math.min(20, Math.max(0, attempt - 1)));
		return delay.compareTo(retryBackoffMax) > 0 ? retryBackoffMax : delay;
	}

	private static int attempt(String receiveCount) {
		try {
			return receiveCount == null ? 1 : Math.max(1, Integer.parseInt(receiveCount.trim()));
		}
		catch (NumberFormatException e) {
			return 1;
		}
	}

	@Override
	public void destroy() {
		timer.shutdownNow();
	}

}
