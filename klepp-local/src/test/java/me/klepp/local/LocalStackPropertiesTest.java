package me.klepp.local;

import java.net.URI;
import java.util.Map;

import me.klepp.devstack.Devstack;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs without Docker: the LocalStack settings must leave no AWS-facing setting on the devstack. */
class LocalStackPropertiesTest {

	@Test
	void everyAwsSettingOfTheDevstackIsReplacedAndTheRestKept() {
		Map<String, String> devstack = Devstack.shared().springProperties();
		Map<String, String> localStack = LocalStackProperties.of(devstack, URI.create("http://127.0.0.1:4566"),
				"eu-north-1", "test", "test");

		devstack.forEach((key, value) -> {
			boolean awsFacing = LocalStackProperties.AWS_PREFIXES.stream().anyMatch(key::startsWith);
			if (awsFacing && !key.equals("klepp.s3.path-style-access") && !key.equals("spring.cloud.aws.region.static")) {
				assertThat(localStack.get(key)).as(key).isNotEqualTo(value);
			}
			else if (!awsFacing) {
				assertThat(localStack.get(key)).as(key + " stays the devstack's").isEqualTo(value);
			}
		});
		assertThat(localStack).containsEntry("klepp.s3.endpoint", "http://127.0.0.1:4566")
			.containsEntry("spring.cloud.aws.sqs.endpoint", "http://127.0.0.1:4566")
			.containsEntry("klepp.s3.path-style-access", "true");
	}

	@Test
	void imageIsPinnedUnlessATokenAndAVersionAreGiven() {
		assertThat(LocalStackImage.fromEnvironment(Map.of())).isEqualTo("localstack/localstack:4.14.0");
		assertThat(LocalStackImage.fromEnvironment(Map.of("LOCALSTACK_VERSION", "4.15.0")))
			.as("newer tags do not start without a token")
			.isEqualTo("localstack/localstack:4.14.0");
		assertThat(LocalStackImage.fromEnvironment(Map.of("LOCALSTACK_VERSION", "4.15.0", "LOCALSTACK_AUTH_TOKEN", "t")))
			.isEqualTo("localstack/localstack:4.15.0");
	}

}
