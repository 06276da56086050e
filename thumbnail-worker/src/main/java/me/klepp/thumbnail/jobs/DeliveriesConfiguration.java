package me.klepp.thumbnail.jobs;

import me.klepp.messaging.Deliveries;
import me.klepp.thumbnail.ThumbnailProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DeliveriesConfiguration {

	/** Both queues' messages: held while their job runs, retried with the worker's back-off. */
	@Bean
	Deliveries deliveries(ThumbnailProperties properties) {
		return new Deliveries("thumbnail", properties.visibilityTimeout(), properties.retryBackoff(),
				properties.retryBackoffMax());
	}

}
