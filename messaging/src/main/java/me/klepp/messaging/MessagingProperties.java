package me.klepp.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the SQS listeners of a service behave.
 *
 * @param pollTimeout long-poll wait per receive; shutdown waits for a running poll, so keep it short
 * @param shutdownTimeout how long a stopping service lets in-flight messages finish; Heroku kills 30 s after
 * SIGTERM, so this plus the acknowledgement flush must stay under that
 * @param maxConcurrentMessages messages processed at once per queue (the default for listeners that set none)
 * @param pollBackOffInitial wait after a failed receive (e.g. SQS unreachable), doubled up to
 * {@code pollBackOffMax}
 * @param pollBackOffMax longest wait between failed receives
 * @param acknowledgementInterval longest a processed message waits for its acknowledgement to be sent with others;
 * {@code 0} (the default) with a threshold of {@code 0} acknowledges each message on its own
 * @param acknowledgementThreshold processed messages acknowledged together in one request (at most 10, the SQS
 * batch limit), sent when this many are waiting or the interval has passed. Batching saves SQS requests but can
 * lose the last batch at shutdown, which redelivers work that already took effect (docs/adr/0005)
 * @param maxReceiveCount the queues' {@code maxReceiveCount} (5): a message whose processing fails on this
 * delivery is moved to the dead-letter queue by the listener, with the failure in {@code klepp-poison-reason};
 * set it to the redrive policy's value, never higher (the policy would then move it first, without a reason)
 */
@ConfigurationProperties("klepp.messaging")
public record MessagingProperties(Duration pollTimeout, Duration shutdownTimeout, Integer maxConcurrentMessages,
		Duration pollBackOffInitial, Duration pollBackOffMax, Duration acknowledgementInterval,
		Integer acknowledgementThreshold, Integer maxReceiveCount) {

	public MessagingProperties {
		pollTimeout = pollTimeout == null ? Duration.ofSeconds(10) : pollTimeout;
		shutdownTimeout = shutdownTimeout == null ? Duration.ofSeconds(20) : shutdownTimeout;
		maxConcurrentMessages = maxConcurrentMessages == null ? 10 : maxConcurrentMessages;
		pollBackOffInitial = pollBackOffInitial == null ? Duration.ofSeconds(1) : pollBackOffInitial;
		pollBackOffMax = pollBackOffMax == null ? Duration.ofSeconds(30) : pollBackOffMax;
		acknowledgementInterval = acknowledgementInterval == null ? Duration.ZERO : acknowledgementInterval;
		acknowledgementThreshold = acknowledgementThreshold == null ? 0 : acknowledgementThreshold;
		maxReceiveCount = maxReceiveCount == null || maxReceiveCount <= 0 ? 5 : maxReceiveCount;
	}

}
