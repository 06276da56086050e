package me.klepp.deploy.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import me.klepp.deploy.support.KleppResourceNames;
import me.klepp.deploy.support.RepositoryFiles;
import me.klepp.devstack.Devstack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the LocalStack init scripts with a recording {@code awslocal} and checks that they create what
 * {@code KleppResources} names, wired as in AWS: S3 → SNS → one queue per consumer with raw delivery, a
 * dead-letter queue behind every queue, and no notifications from the derived bucket.
 */
class LocalStackInitScriptTest {

	static final Path READY_D = RepositoryFiles.path("localstack/init/ready.d");

	static final JsonMapper json = JsonMapper.builder().build();

	static final KleppResourceNames names = KleppResourceNames.fromKleppResources();

	static RecordingAwsLocal.Run run;

	@BeforeAll
	static void runScripts(@TempDir Path dir) throws Exception {
		RecordingAwsLocal awslocal = new RecordingAwsLocal(dir);
		Path script = onlyScript();
		run = awslocal.run(script, Map.of("AWS_DEFAULT_REGION", Devstack.REGION));
	}

	@Test
	void scriptsAreExecutableBashThatParses() throws Exception {
		try (Stream<Path> scripts = Files.list(READY_D)) {
			for (Path script : scripts.toList()) {
				assertThat(Files.isExecutable(script)).as("LocalStack skips %s unless it is executable", script)
					.isTrue();
				assertThat(Files.readString(script)).startsWith("#!/usr/bin/env bash\n");
				assertThat(exitCodeOf("bash", "-n", script.toString())).as("bash -n " + script).isZero();
			}
		}
	}

	@Test
	void shellcheckFindsNothing() throws Exception {
		assumeTrue(commandExists("shellcheck"), "shellcheck is not installed");
		try (Stream<Path> scripts = Files.list(READY_D)) {
			for (Path script : scripts.toList()) {
				assertThat(exitCodeOf("shellcheck", script.toString())).as("shellcheck " + script).isZero();
			}
		}
	}

	@Test
	void scriptSucceedsAndSaysSoLast() {
		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(run.output().strip()).endsWith("klepp: LocalStack resources ready in " + Devstack.REGION);
	}

	@Test
	void createsExactlyTheBucketsTopicsAndQueuesOfKleppResources() {
		assertThat(values("s3api", "create-bucket", "--bucket")).containsExactlyInAnyOrderElementsOf(names.buckets());
		assertThat(values("sns", "create-topic", "--name")).containsExactlyInAnyOrderElementsOf(names.topics());
		assertThat(values("sqs", "create-queue", "--queue-name"))
			.containsExactlyInAnyOrderElementsOf(names.allQueues());
	}

	@Test
	void everyQueueDeadLettersIntoItsOwnDeadLetterQueueAfterMaxReceiveCount() {
		Map<String, JsonNode> attributes = queueAttributes();
		for (String queue : names.queues()) {
			JsonNode queueAttributes = attributes.get(queue);
			assertThat(queueAttributes).as(queue).isNotNull();
			JsonNode redrive = json.readTree(queueAttributes.get("RedrivePolicy").asString());
			assertThat(redrive.get("deadLetterTargetArn").asString())
				.isEqualTo(queueArn(names.deadLetterQueue(queue)));
			assertThat(redrive.get("maxReceiveCount").asInt()).isEqualTo(names.maxReceiveCount());
			assertThat(queueAttributes.get("VisibilityTimeout").asInt()).as(queue).isEqualTo(30);
			assertThat(attributes.get(names.deadLetterQueue(queue)).has("RedrivePolicy")).isFalse();
		}
	}

	@Test
	void theUploadSubscribersAndOnlyThemReceiveTheTopicsMessagesRaw() {
		List<AwsCall> subscriptions = calls("sns", "subscribe");
		assertThat(subscriptions).extracting(call -> call.option("--notification-endpoint"))
			.containsExactlyInAnyOrderElementsOf(names.uploadSubscribers().stream().map(this::queueArn).toList());
		for (AwsCall subscription : subscriptions) {
			assertThat(subscription.option("--topic-arn")).isEqualTo(topicArn(names.uploadsTopic()));
			assertThat(subscription.option("--protocol")).isEqualTo("sqs");
			assertThat(json.readTree(subscription.option("--attributes")).get("RawMessageDelivery").asString())
				.as("raw delivery: the S3 event JSON itself, no SNS envelope")
				.isEqualTo("true");
		}
	}

	@Test
	void eachSubscriberQueueLetsTheTopicSendToIt() {
		Map<String, JsonNode> policies = new LinkedHashMap<>();
		for (AwsCall call : calls("sqs", "set-queue-attributes")) {
			String queue = call.option("--queue-url").substring(call.option("--queue-url").lastIndexOf('/') + 1);
			policies.put(queue, json.readTree(json.readTree(call.option("--attributes")).get("Policy").asString()));
		}
		assertThat(policies.keySet()).containsExactlyInAnyOrderElementsOf(names.uploadSubscribers());
		policies.forEach((queue, policy) -> {
			JsonNode statement = policy.get("Statement").get(0);
			assertThat(statement.get("Effect").asString()).isEqualTo("Allow");
			assertThat(statement.get("Principal").get("Service").asString()).isEqualTo("sns.amazonaws.com");
			assertThat(statement.get("Action").asString()).isEqualTo("sqs:SendMessage");
			assertThat(statement.get("Resource").asString()).isEqualTo(queueArn(queue));
			assertThat(statement.get("Condition").get("ArnEquals").get("aws:SourceArn").asString())
				.isEqualTo(topicArn(names.uploadsTopic()));
		});
	}

	@Test
	void onlyTheMediaBucketNotifiesAndOnlyTheUploadsTopicForEveryCreateAndRemove() {
		List<AwsCall> notifications = calls("s3api", "put-bucket-notification-configuration");
		assertThat(notifications).extracting(call -> call.option("--bucket")).containsExactly(names.mediaBucket());
		JsonNode configuration = json.readTree(notifications.get(0).option("--notification-configuration"));
		assertThat(configuration.has("QueueConfigurations")).isFalse();
		JsonNode topic = configuration.get("TopicConfigurations").get(0);
		assertThat(configuration.get("TopicConfigurations").size()).isOne();
		assertThat(topic.get("TopicArn").asString()).isEqualTo(topicArn(names.uploadsTopic()));
		assertThat(topic.get("Events").valueStream().map(JsonNode::asString))
			.containsExactlyInAnyOrder("s3:ObjectCreated:*", "s3:ObjectRemoved:*");
	}

	@Test
	void theTopicLetsTheMediaBucketPublish() {
		AwsCall policyCall = calls("sns", "set-topic-attributes").get(0);
		assertThat(policyCall.option("--attribute-name")).isEqualTo("Policy");
		JsonNode statement = json.readTree(policyCall.option("--attribute-value")).get("Statement").get(0);
		assertThat(statement.get("Principal").get("Service").asString()).isEqualTo("s3.amazonaws.com");
		assertThat(statement.get("Action").asString()).isEqualTo("sns:Publish");
		assertThat(statement.get("Resource").asString()).isEqualTo(topicArn(names.uploadsTopic()));
		assertThat(statement.get("Condition").get("ArnLike").get("aws:SourceArn").asString())
			.isEqualTo("arn:aws:s3:::" + names.mediaBucket());
	}

	@Test
	void browsersMayPutUploadsIntoTheMediaBucket() {
		AwsCall cors = calls("s3api", "put-bucket-cors").get(0);
		assertThat(cors.option("--bucket")).isEqualTo(names.mediaBucket());
		JsonNode rule = json.readTree(cors.option("--cors-configuration")).get("CORSRules").get(0);
		assertThat(rule.get("AllowedMethods").valueStream().map(JsonNode::asString)).contains("PUT");
	}

	@Test
	void bucketsAreCreatedInTheScriptsRegionAndUsEast1NeedsNoLocation(@TempDir Path dir) throws Exception {
		for (AwsCall bucket : calls("s3api", "create-bucket")) {
			assertThat(json.readTree(bucket.option("--create-bucket-configuration")).get("LocationConstraint").asString())
				.isEqualTo(Devstack.REGION);
		}
		var usEast1 = new RecordingAwsLocal(dir).run(onlyScript(), Map.of("AWS_DEFAULT_REGION", "us-east-1"));
		assertThat(usEast1.exitCode()).as(usEast1.output()).isZero();
		assertThat(usEast1.calls().stream().filter(call -> call.is("s3api", "create-bucket")))
			.isNotEmpty()
			.allSatisfy(call -> assertThat(call.option("--create-bucket-configuration")).isNull());
	}

	@Test
	void withoutARegionTheScriptUsesTheDevstacksRegion(@TempDir Path dir) throws Exception {
		var defaulted = new RecordingAwsLocal(dir).run(onlyScript(), Map.of());
		assertThat(defaulted.exitCode()).as(defaulted.output()).isZero();
		assertThat(defaulted.calls().stream().filter(call -> call.is("sns", "create-topic")))
			.isNotEmpty()
			.allSatisfy(call -> assertThat(call.option("--name")).isEqualTo(names.uploadsTopic()));
		assertThat(defaulted.output()).contains("ready in " + Devstack.REGION);
	}

	private static Path onlyScript() throws IOException {
		try (Stream<Path> scripts = Files.list(READY_D)) {
			List<Path> all = scripts.sorted().toList();
			assertThat(all).as("one init script; a new one needs its own checks here").hasSize(1);
			return all.get(0);
		}
	}

	private Map<String, JsonNode> queueAttributes() {
		Map<String, JsonNode> attributes = new LinkedHashMap<>();
		for (AwsCall call : calls("sqs", "create-queue")) {
			String given = call.option("--attributes");
			attributes.put(call.option("--queue-name"), given == null ? json.createObjectNode() : json.readTree(given));
		}
		return attributes;
	}

	private String queueArn(String queue) {
		return "arn:aws:sqs:" + Devstack.REGION + ":" + RecordingAwsLocal.ACCOUNT + ":" + queue;
	}

	private String topicArn(String topic) {
		return "arn:aws:sns:" + Devstack.REGION + ":" + RecordingAwsLocal.ACCOUNT + ":" + topic;
	}

	private static List<AwsCall> calls(String service, String operation) {
		return run.calls().stream().filter(call -> call.is(service, operation)).toList();
	}

	private static Set<String> values(String service, String operation, String option) {
		return calls(service, operation).stream().map(call -> call.option(option)).collect(Collectors.toSet());
	}

	private static boolean commandExists(String command) throws Exception {
		return exitCodeOf("bash", "-c", "command -v " + command) == 0;
	}

	private static int exitCodeOf(String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			return -1;
		}
		return process.exitValue();
	}

}
