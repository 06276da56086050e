package me.klepp.thumbnail.jobs;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.awspring.cloud.sqs.listener.Visibility;
import me.klepp.events.MalformedEventException;
import me.klepp.events.UnsupportedEventException;
import me.klepp.thumbnail.ThumbnailProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * How the worker handles one delivered message, whichever queue it came from. The message stays invisible while
 * the work runs ({@link Lease}); when the work succeeds the listener acknowledges it. When it throws, the message
 * is not acknowledged and comes back after a back-off that doubles with every delivery (15 s, 30 s, 1 min, ...),
 * until the queue's redrive policy dead-letters it. A message that can never be read (not JSON, unknown event
 * type) is rethrown for the listener's {@code MessageHandling} to move to the dead-letter queue at once.
 */
@Component
class Deliveries implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

	private final ThumbnailProperties properties;

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "thumbnail-visibility");
		thread.setDaemon(true);
		return thread;
	});

	Deliveries(ThumbnailProperties properties) {
		this.properties = properties;
	}

	/** The work of one message, given its delivery number (1 for the first). */
	@FunctionalInterface
	interface Work {

		void run(int attempt);

	}

	/**
	 * @param receiveCount SQS's {@code ApproximateReceiveCount} of the message
	 */
	void handle(Visibility visibility, String receiveCount, Work work) {
		int attempt = attempt(receiveCount);
		Lease lease = Lease.hold(visibility, timer, properties.visibilityTimeout());
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
		Duration delay = properties.retryBackoff().multipliedBy(1L << Math.min(20, Math.max(0, attempt - 1)));
		return delay.compareTo(properties.retryBackoffMax()) > 0 ? properties.retryBackoffMax() : delay;
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
