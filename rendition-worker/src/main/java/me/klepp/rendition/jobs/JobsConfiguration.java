package me.klepp.rendition.jobs;

import me.klepp.messaging.Deliveries;
import me.klepp.rendition.playback.RenditionProperties;
import me.klepp.rendition.playback.Renditions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class JobsConfiguration {

	/** Held while a job runs (renewed), retried with back-off when it fails. */
	@Bean
	Deliveries deliveries(WorkerProperties properties) {
		return new Deliveries("rendition", properties.visibilityTimeout(), properties.retryBackoff(),
				properties.retryBackoffMax());
	}

	@Bean
	Renditions renditions(RenditionProperties properties) {
		return new Renditions(properties);
	}

}
