package me.klepp.api.outbox;

import java.net.URI;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.sqs.SqsClient;

@Configuration(proxyBeanMethods = false)
class QueueConfiguration {

	@Bean(destroyMethod = "close")
	SqsClient sqsClient(AwsCredentialsProvider credentials, AwsRegionProvider region,
			@Value("${spring.cloud.aws.sqs.endpoint:}") String endpoint) {
		var builder = SqsClient.builder().credentialsProvider(credentials).region(region.getRegion());
		if (!endpoint.isBlank()) {
			builder.endpointOverride(URI.create(endpoint));
		}
		return builder.build();
	}

}
