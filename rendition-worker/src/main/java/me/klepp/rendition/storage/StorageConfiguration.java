package me.klepp.rendition.storage;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.s3.S3Client;

@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

	/** Standard SDK retries; an attempt that hangs (a part of a large upload, say) is cut off after 2 minutes. */
	@Bean(destroyMethod = "close")
	S3Client s3Client(S3Properties properties, AwsCredentialsProvider credentials, AwsRegionProvider region) {
		var builder = S3Client.builder()
			.credentialsProvider(credentials)
			.region(region.getRegion())
			.forcePathStyle(properties.pathStyleAccess())
			.overrideConfiguration(o -> o.apiCallAttemptTimeout(Duration.ofMinutes(2)));
		if (properties.endpoint() != null) {
			builder.endpointOverride(properties.endpoint());
		}
		return builder.build();
	}

}
