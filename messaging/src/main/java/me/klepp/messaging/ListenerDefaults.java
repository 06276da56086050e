package me.klepp.messaging;

import java.time.Duration;
import java.util.List;

import io.awspring.cloud.autoconfigure.sqs.SqsAutoConfiguration;
import io.awspring.cloud.sqs.config.SqsMessageListenerContainerFactory;
import io.awspring.cloud.sqs.listener.acknowledgement.handler.AcknowledgementMode;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.retry.backoff.ExponentialBackOffPolicy;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The listener conventions of every klepp consumer, applied by depending on this module:
 * <ul>
 * <li>each message is acknowledged as soon as it is processed, by default not batched: batched acknowledgements
 * can be lost at shutdown in Spring Cloud AWS 4.1.0, which redelivers work that already took effect (batching is
 * a setting, {@code acknowledgementInterval} and {@code acknowledgementThreshold}; docs/adr/0005);</li>
 * <li>a failed message is not acknowledged: it comes back after its visibility timeout; on its last delivery
 * ({@code maxReceiveCount}) a failure dead-letters it with the reason, before the redrive policy would without
 * one;</li>
 * <li>on shutdown, polling stops, in-flight messages get {@code shutdownTimeout} to finish and acknowledgements
 * are flushed;</li>
 * <li>when SQS cannot be reached, receiving backs off exponentially and resumes by itself.</li>
 * </ul>
 */
@AutoConfiguration(before = SqsAutoConfiguration.class)
@EnableConfigurationProperties(MessagingProperties.class)
public class ListenerDefaults {

	@Bean
	@ConditionalOnMissingBean(name = "defaultSqsListenerContainerFactory")
	SqsMessageListenerContainerFactory<Object> defaultSqsListenerContainerFactory(SqsAsyncClient sqsAsyncClient,
			MessagingProperties properties) {
		var backOff = new ExponentialBackOffPolicy();
		backOff.setInitialInterval(properties.pollBackOffInitial().toMillis());
		backOff.setMaxInterval(properties.pollBackOffMax().toMillis());
		backOff.setMultiplier(2.0);
		return SqsMessageListenerContainerFactory.builder()
			.sqsAsyncClient(sqsAsyncClient)
			.configure(options -> options.acknowledgementMode(AcknowledgementMode.ON_SUCCESS)
				.acknowledgementInterval(properties.acknowledgementInterval())
				.acknowledgementThreshold(properties.acknowledgementThreshold())
				.pollTimeout(properties.pollTimeout())
				.maxConcurrentMessages(properties.maxConcurrentMessages())
				.listenerShutdownTimeout(properties.shutdownTimeout())
				.acknowledgementShutdownTimeout(Duration.ofSeconds(3))
				.pollBackOffPolicy(backOff)
				.messageSystemAttributeNames(List.of(MessageSystemAttributeName.SENT_TIMESTAMP,
						MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)))
			.build();
	}

	@Bean
	PoisonMessages poisonMessages(SqsAsyncClient sqsAsyncClient) {
		return new PoisonMessages(sqsAsyncClient);
	}

	@Bean
	MessageHandling messageHandling(PoisonMessages poison, ObjectProvider<MeterRegistry> registry,
			MessagingProperties properties) {
		return new MessageHandling(poison,
				registry.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new),
				properties.maxReceiveCount());
	}

	@Bean
	SqsHealthIndicator sqsHealthIndicator(SqsAsyncClient sqsAsyncClient) {
		return new SqsHealthIndicator(sqsAsyncClient);
	}

}
