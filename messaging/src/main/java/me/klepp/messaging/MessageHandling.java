package me.klepp.messaging;

import java.time.Duration;
import java.util.Map;

import io.awspring.cloud.sqs.listener.SqsHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import me.klepp.events.MalformedEventException;
import me.klepp.events.UnsupportedEventException;
import org.slf4j.MDC;
import org.springframework.messaging.Message;

/**
 * Wraps a listener's work on one message: logs carry the queue (and, once known, the file) in the MDC, so one
 * file can be followed through every service; metrics count messages by outcome and time their processing and
 * their wait in the queue; poison messages (unreadable, or {@link RejectedMessageException}) go to the
 * dead-letter queue and are acknowledged; any other failure propagates, so the message is not acknowledged and
 * comes back, until its last delivery ({@code klepp.messaging.max-receive-count}): then it is dead-lettered here
 * too, so every message in a dead-letter queue carries its reason in {@code klepp-poison-reason}.
 *
 * <p>
 * Metrics: {@code klepp.messages.processed} (timer; tags {@code queue}, {@code outcome} = ok, failed, poison)
 * and {@code klepp.messages.lag} (timer; time from sending to processing, tag {@code queue}); outcome
 * {@code gave-up} for a message dead-lettered after its last delivery failed.
 */
public class MessageHandling {

	public static final String MDC_QUEUE = "queue";

	public static final String MDC_FILE = "file";

	private final PoisonMessages poison;

	private final MeterRegistry registry;

	private final int maxReceiveCount;

	MessageHandling(PoisonMessages poison, MeterRegistry registry, int maxReceiveCount) {
		this.poison = poison;
		this.registry = registry;
		this.maxReceiveCount = maxReceiveCount;
	}

	public void handle(Message<String> message, Work work) {
		String queue = String.valueOf(message.getHeaders().get(SqsHeaders.SQS_QUEUE_NAME_HEADER));
		recordLag(queue, message.getHeaders());
		Timer.Sample sample = Timer.start(registry);
		String outcome = "failed";
		MDC.put(MDC_QUEUE, queue);
		try {
			work.run(message.getPayload());
			outcome = "ok";
		}
		catch (MalformedEventException | UnsupportedEventException | RejectedMessageException unprocessable) {
			poison.deadLetter(queue, message.getPayload(), unprocessable.getMessage());
			outcome = "poison";
		}
		catch (Exception e) {
			int receives = receiveCount(message.getHeaders());
			if (receives < maxReceiveCount) {
				throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
			}
			// The redrive policy would move it without a reason: move it now, saying what kept failing.
			poison.deadLetter(queue, message.getPayload(), "gave up after " + receives + " deliveries: " + e);
			outcome = "gave-up";
		}
		finally {
			sample.stop(registry.timer("klepp.messages.processed", "queue", queue, "outcome", outcome));
			MDC.remove(MDC_QUEUE);
			MDC.remove(MDC_FILE);
		}
	}

	/** Names the file the message is about, for the logs of the rest of its processing. */
	public static void aboutFile(String key) {
		MDC.put(MDC_FILE, key);
	}

	private static int receiveCount(Map<String, Object> headers) {
		Object count = headers.get(SqsHeaders.MessageSystemAttributes.SQS_APPROXIMATE_RECEIVE_COUNT);
		try {
			return count == null ? 1 : Integer.parseInt(count.toString().trim());
		}
		catch (NumberFormatException e) {
			return 1;
		}
	}

	private void recordLag(String queue, Map<String, Object> headers) {
		Object sent = headers.get(SqsHeaders.MessageSystemAttributes.SQS_SENT_TIMESTAMP);
		if (sent != null) {
			long lagMillis = System.currentTimeMillis() - Long.parseLong(sent.toString());
			registry.timer("klepp.messages.lag", "queue", queue).record(Duration.ofMillis(Math.max(0, lagMillis)));
		}
	}

	@FunctionalInterface
	public interface Work {

		void run(String body) throws Exception;

	}

}
