package me.klepp.local;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A devstack's settings with S3 and SQS taken from LocalStack instead: what the services need to run against
 * LocalStack while signing in and storing the catalog on the devstack.
 */
final class LocalStackProperties {

	/** Everything in the devstack's settings that points a service at an AWS service. */
	static final List<String> AWS_PREFIXES = List.of("spring.cloud.aws.", "klepp.s3.");

	private LocalStackProperties() {
	}

	static Map<String, String> of(Map<String, String> devstack, URI endpoint, String region, String accessKey,
			String secretKey) {
		Map<String, String> properties = new LinkedHashMap<>(devstack);
		properties.put("spring.cloud.aws.region.static", region);
		properties.put("spring.cloud.aws.credentials.access-key", accessKey);
		properties.put("spring.cloud.aws.credentials.secret-key", secretKey);
		properties.put("spring.cloud.aws.sqs.endpoint", endpoint.toString());
		properties.put("klepp.s3.endpoint", endpoint.toString());
		// LocalStack serves buckets under endpoint/bucket/key; virtual hosts would need its DNS.
		properties.put("klepp.s3.path-style-access", "true");
		return properties;
	}

}
