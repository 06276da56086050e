package me.klepp.thumbnail.messaging;

import java.time.Duration;

import io.awspring.cloud.sqs.config.SqsMessageListenerContainerFactory;
import io.awspring.cloud.sqs.listener.acknowledgement.handler.AcknowledgementMode;
import me.klepp.thumbnail.ThumbnailProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

@Configuration(proxyBeanMethods = false)
class ListenerConfiguration {

	/**
	 * Acknowledge each message as soon as it is processed: batched acknowledgements can be lost at shutdown
	 * (Spring Cloud AWS 4.1.0), which would redeliver work that already took effect. A failed message is not
	 * acknowledged and comes back after its visibility timeout, until the queue's redrive policy dead-letters it.
	 * How many messages run at once is set per listener.
	 */
	@Bean
	SqsMessageListenerContainerFactory<Object> defaultSqsListenerContainerFactory(SqsAsyncClient sqsAsyncClient,
			ThumbnailProperties properties) {
		return SqsMessageListenerContainerFactory.builder()
			.sqsAsyncClient(sqsAsyncClient)
			.configure(options -> options.acknowledgementMode(AcknowledgementMode.ON_SUCCESS)
				.acknowledgementInterval(Duration.ZERO)
				.acknowledgementThreshold(0)
				.pollTimeout(properties.pollTimeout()))
			.build();
	}

}
