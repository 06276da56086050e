package me.klepp.thumbnail.storage;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.s3.S3Client;

@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

	/**
	 * The SDK's standard retries (with back-off) cover brief S3 errors; an attempt that hangs is cut off after
	 * 30 s, so a job never waits on S3 much longer than its own timeout.
	 */
	@Bean(destroyMethod = "close")
	S3Client s3Client(S3Properties properties, AwsCredentialsProvider credentials, AwsRegionProvider region) {
		var builder = S3Client.builder()
			.credentialsProvider(credentials)
			.region(region.getRegion())
			.forcePathStyle(properties.pathStyleAccess())
			.overrideConfiguration(o -> o.apiCallAttemptTimeout(Duration.ofSeconds(30)));
		if (properties.endpoint() != null) {
			builder.endpointOverride(properties.endpoint());
		}
		return builder.build();
	}

}
