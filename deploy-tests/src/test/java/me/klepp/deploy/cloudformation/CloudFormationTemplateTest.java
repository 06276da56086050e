package me.klepp.deploy.cloudformation;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import me.klepp.deploy.support.KleppResourceNames;
import me.klepp.deploy.support.RepositoryFiles;
import me.klepp.devstack.KleppResources;
import org.junit.jupiter.api.Test;

import static me.klepp.deploy.cloudformation.Template.list;
import static me.klepp.deploy.cloudformation.Template.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The AWS template ({@code infra/klepp.yaml}) against KleppResources and the services' own defaults: names,
 * the S3 → SNS → SQS wiring, dead-letter queues, Cognito, and what each service's IAM policy allows.
 */
class CloudFormationTemplateTest {

	static final String TEMPLATE = "infra/klepp.yaml";

	static final KleppResourceNames names = KleppResourceNames.fromKleppResources();

	static final Template template = new Template(CloudFormationYaml.parse(RepositoryFiles.read(TEMPLATE)));

	static final Set<String> CONSUME = Set.of("sqs:ReceiveMessage", "sqs:DeleteMessage",
			"sqs:ChangeMessageVisibility", "sqs:GetQueueUrl", "sqs:GetQueueAttributes");

	static final Set<String> SEND = Set.of("sqs:SendMessage", "sqs:GetQueueUrl", "sqs:GetQueueAttributes");

	@Test
	void everyReferenceResolvesAndEveryResourceIsAnAwsType() {
		assertThat(template.resources()).isNotEmpty();
		template.resources().forEach((id, resource) -> {
			assertThat((String) map(resource).get("Type")).as(id).startsWith("AWS::");
			assertThatNoException().as(id).isThrownBy(() -> template.properties(id));
		});
		assertThatNoException().isThrownBy(() -> template.resolve(template.section("Outputs")));
	}

	@Test
	void bucketsTopicsAndQueuesAreExactlyThoseOfKleppResources() {
		assertThat(namesOf("AWS::S3::Bucket", "BucketName")).containsExactlyInAnyOrderElementsOf(names.buckets());
		assertThat(namesOf("AWS::SNS::Topic", "TopicName")).containsExactlyInAnyOrderElementsOf(names.topics());
		assertThat(namesOf("AWS::SQS::Queue", "QueueName")).containsExactlyInAnyOrderElementsOf(names.allQueues());
	}

	@Test
	void everyQueueDeadLettersIntoItsOwnDeadLetterQueueAfterMaxReceiveCount() {
		Map<String, Map<String, Object>> queues = propertiesByName("AWS::SQS::Queue", "QueueName");
		for (String queue : names.queues()) {
			Map<String, Object> redrive = map(queues.get(queue).get("RedrivePolicy"));
			assertThat(redrive.get("deadLetterTargetArn")).as(queue).isEqualTo(queueArn(names.deadLetterQueue(queue)));
			assertThat(redrive.get("maxReceiveCount")).as(queue).isEqualTo(names.maxReceiveCount());
			assertThat(queues.get(queue).get("VisibilityTimeout")).as(queue).isEqualTo(30);
			assertThat(queues.get(names.deadLetterQueue(queue))).doesNotContainKey("RedrivePolicy");
		}
	}

	@Test
	void onlyTheMediaBucketNotifiesTheUploadsTopicOfEveryCreateAndRemove() {
		Map<String, Map<String, Object>> buckets = propertiesByName("AWS::S3::Bucket", "BucketName");
		Map<String, Object> notifications = map(buckets.get(names.mediaBucket()).get("NotificationConfiguration"));
		assertThat(notifications).containsOnlyKeys("TopicConfigurations");
		assertThat(list(notifications.get("TopicConfigurations"))).allSatisfy(
				configuration -> assertThat(map(configuration).get("Topic")).isEqualTo(topicArn(names.uploadsTopic())))
			.extracting(configuration -> map(configuration).get("Event"))
			.containsExactlyInAnyOrder("s3:ObjectCreated:*", "s3:ObjectRemoved:*");
		buckets.forEach((bucket, properties) -> {
			if (!bucket.equals(names.mediaBucket())) {
				assertThat(properties).as("ADR 3: %s must not notify", bucket)
					.doesNotContainKey("NotificationConfiguration");
			}
			assertThat(map(properties.get("PublicAccessBlockConfiguration")).values()).as(bucket)
				.hasSize(4)
				.containsOnly(true);
		});
	}

	@Test
	void theTopicLetsOnlyTheMediaBucketPublish() {
		Map<String, Object> policy = template.properties(template.resourcesOfType("AWS::SNS::TopicPolicy").get(0));
		assertThat(list(policy.get("Topics"))).containsExactly(topicArn(names.uploadsTopic()));
		Map<String, Object> statement = onlyStatement(policy);
		assertThat(statement.get("Principal")).isEqualTo(Map.of("Service", "s3.amazonaws.com"));
		assertThat(statement.get("Action")).isEqualTo("sns:Publish");
		assertThat(map(map(statement.get("Condition")).get("ArnLike")).get("aws:SourceArn"))
			.isEqualTo("arn:aws:s3:::" + names.mediaBucket());
	}

	@Test
	void theUploadSubscribersAndOnlyThemReceiveTheTopicsMessagesRaw() {
		List<Map<String, Object>> subscriptions = template.resourcesOfType("AWS::SNS::Subscription")
			.stream()
			.map(template::properties)
			.toList();
		assertThat(subscriptions).extracting(subscription -> subscription.get("Endpoint"))
			.containsExactlyInAnyOrderElementsOf(names.uploadSubscribers().stream().map(this::queueArn).toList());
		assertThat(subscriptions).allSatisfy(subscription -> {
			assertThat(subscription.get("TopicArn")).isEqualTo(topicArn(names.uploadsTopic()));
			assertThat(subscription.get("Protocol")).isEqualTo("sqs");
			assertThat(subscription.get("RawMessageDelivery")).isEqualTo(true);
		});
	}

	@Test
	void eachSubscriberQueueLetsTheTopicAndNothingElseSendToIt() {
		Map<String, Map<String, Object>> statementsByQueueUrl = new LinkedHashMap<>();
		for (String id : template.resourcesOfType("AWS::SQS::QueuePolicy")) {
			Map<String, Object> policy = template.properties(id);
			for (Object queueUrl : list(policy.get("Queues"))) {
				statementsByQueueUrl.put((String) queueUrl, onlyStatement(policy));
			}
		}
		assertThat(statementsByQueueUrl.keySet())
			.containsExactlyInAnyOrderElementsOf(names.uploadSubscribers().stream().map(this::queueUrl).toList());
		for (String queue : names.uploadSubscribers()) {
			Map<String, Object> statement = statementsByQueueUrl.get(queueUrl(queue));
			assertThat(statement.get("Principal")).isEqualTo(Map.of("Service", "sns.amazonaws.com"));
			assertThat(statement.get("Action")).isEqualTo("sqs:SendMessage");
			assertThat(statement.get("Resource")).isEqualTo(queueArn(queue));
			assertThat(map(map(statement.get("Condition")).get("ArnEquals")).get("aws:SourceArn"))
				.isEqualTo(topicArn(names.uploadsTopic()));
		}
	}

	@Test
	void cognitoHasAPublicSpaClientAndTheApisModeratorGroup() {
		assertThat(template.resourcesOfType("AWS::Cognito::UserPool")).hasSize(1);
		Map<String, Object> client = template.properties(template.resourcesOfType("AWS::Cognito::UserPoolClient").get(0));
		assertThat(client.get("GenerateSecret")).as("a browser cannot keep a secret").isEqualTo(false);
		assertThat(list(client.get("AllowedOAuthFlows"))).containsExactly("code");
		String moderatorGroup = apiDefaults().getProperty("klepp.auth.moderator-group");
		assertThat(template.resourcesOfType("AWS::Cognito::UserPoolGroup"))
			.extracting(id -> template.properties(id).get("GroupName"))
			.containsExactly(moderatorGroup);
		assertThat(template.resolve(map(template.section("Outputs").get("IssuerUri")).get("Value")))
			.isEqualTo("https://cognito-idp." + Template.REGION + ".amazonaws.com/<UserPool>");
	}

	@Test
	void theThumbnailWorkerReadsUploadsWritesThumbnailsConsumesItsQueueAndPublishesMediaEvents() {
		Properties worker = RepositoryFiles.properties("thumbnail-worker/src/main/resources/klepp-thumbnail.properties");
		Set<String> expected = new HashSet<>();
		expected.add("s3:GetObject " + objectsOf(worker.getProperty("klepp.s3.media-bucket")));
		expected.add("s3:PutObject " + objectsOf(worker.getProperty("klepp.s3.derived-bucket")));
		expected.add("s3:ListBucket arn:aws:s3:::" + worker.getProperty("klepp.s3.media-bucket"));
		CONSUME.forEach(action -> expected.add(action + " " + queueArn(worker.getProperty("klepp.thumbnail.uploads-queue"))));
		SEND.forEach(action -> expected.add(action + " " + queueArn(worker.getProperty("klepp.thumbnail.media-events-queue"))));
		// Regeneration requests: consumed, and the next page of a bulk request queued by the worker itself.
		CONSUME.forEach(action -> expected.add(action + " " + queueArn(KleppResources.THUMBNAIL_REQUESTS_QUEUE)));
		SEND.forEach(action -> expected.add(action + " " + queueArn(KleppResources.THUMBNAIL_REQUESTS_QUEUE)));

		assertThat(permissions("klepp-thumbnail-worker")).containsExactlyInAnyOrderElementsOf(expected)
			.as("ADR 3: a write to the media bucket would come back as an upload")
			.noneMatch(permission -> permission.startsWith("s3:PutObject " + objectsOf(names.mediaBucket())));
	}

	@Test
	void theRenditionWorkerReadsUploadsWritesRenditionsInPartsConsumesItsQueuesAndPublishesMediaEvents() {
		Properties worker = RepositoryFiles.properties("rendition-worker/src/main/resources/klepp-rendition.properties");
		Set<String> expected = new HashSet<>();
		expected.add("s3:GetObject " + objectsOf(worker.getProperty("klepp.s3.media-bucket")));
		expected.add("s3:PutObject " + objectsOf(worker.getProperty("klepp.s3.derived-bucket")));
		expected.add("s3:AbortMultipartUpload " + objectsOf(worker.getProperty("klepp.s3.derived-bucket")));
		// a HEAD of a removed upload is then a 404, not a 403
		expected.add("s3:ListBucket arn:aws:s3:::" + worker.getProperty("klepp.s3.media-bucket"));
		CONSUME.forEach(action -> expected.add(action + " " + queueArn(worker.getProperty("klepp.rendition.uploads-queue"))));
		SEND.forEach(action -> expected.add(action + " " + queueArn(worker.getProperty("klepp.rendition.media-events-queue"))));
		// Regeneration requests: consumed, and the next page of a bulk request queued by the worker itself.
		CONSUME.forEach(action -> expected.add(action + " " + queueArn(worker.getProperty("klepp.rendition.requests-queue"))));
		SEND.forEach(action -> expected.add(action + " " + queueArn(worker.getProperty("klepp.rendition.requests-queue"))));

		assertThat(permissions("klepp-rendition-worker")).containsExactlyInAnyOrderElementsOf(expected)
			.as("ADR 3: a write to the media bucket would come back as an upload")
			.noneMatch(permission -> permission.startsWith("s3:PutObject " + objectsOf(names.mediaBucket())));
	}

	@Test
	void theIngestorConsumesItsTwoQueuesReadsButNeverWritesUploadsAndRequestsProcessing() {
		Properties ingestor = RepositoryFiles.properties("metadata-ingestor/src/main/resources/klepp-ingestor.properties");
		Set<String> expected = new HashSet<>();
		for (String queue : List.of(ingestor.getProperty("klepp.ingestor.uploads-queue"),
				ingestor.getProperty("klepp.ingestor.media-events-queue"))) {
			CONSUME.forEach(action -> expected.add(action + " " + queueArn(queue)));
		}
		SEND.forEach(action -> expected.add(action + " " + queueArn(ingestor.getProperty("klepp.ingestor.thumbnail-requests-queue"))));
		SEND.forEach(action -> expected.add(action + " " + queueArn(ingestor.getProperty("klepp.ingestor.rendition-requests-queue"))));
		// HeadObject of uploads that bypassed the API, and listing the bucket to reconcile the catalog.
		expected.add("s3:GetObject " + objectsOf(names.mediaBucket()));
		expected.add("s3:ListBucket arn:aws:s3:::" + names.mediaBucket());

		assertThat(permissions("klepp-metadata-ingestor")).containsExactlyInAnyOrderElementsOf(expected);
	}

	@Test
	void theApiWorksOnObjectsOfItsTwoBucketsAndOnlySendsRegenerationRequests() {
		Properties api = apiDefaults();
		Set<String> expected = new HashSet<>();
		for (String bucket : List.of(api.getProperty("klepp.s3.media-bucket"), api.getProperty("klepp.s3.derived-bucket"))) {
			for (String action : List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload")) {
				expected.add(action + " " + objectsOf(bucket));
			}
			expected.add("s3:ListBucket arn:aws:s3:::" + bucket);
		}
		SEND.forEach(action -> expected.add(action + " " + queueArn(api.getProperty("klepp.thumbnail-requests-queue"))));
		SEND.forEach(action -> expected.add(action + " " + queueArn(api.getProperty("klepp.rendition-requests-queue"))));

		assertThat(permissions("klepp-api-service")).containsExactlyInAnyOrderElementsOf(expected);
	}

	@Test
	void noPolicyUsesWildcardActionsOrResourcesOrDenies() {
		for (String id : template.resourcesOfType("AWS::IAM::ManagedPolicy")) {
			for (Object statement : list(map(template.properties(id).get("PolicyDocument")).get("Statement"))) {
				assertThat(map(statement).get("Effect")).as(id).isEqualTo("Allow");
				assertThat(list(map(statement).get("Action"))).as(id).noneMatch(action -> ((String) action).contains("*"));
				assertThat(list(map(statement).get("Resource"))).as(id).doesNotContain("*");
			}
		}
	}

	@Test
	void eachServiceUserHasItsOwnPolicyAndNothingElse() {
		Map<String, Object> policyArnByUser = new LinkedHashMap<>();
		for (String id : template.resourcesOfType("AWS::IAM::User")) {
			Map<String, Object> user = template.properties(id);
			assertThat(user).doesNotContainKeys("Policies", "Groups", "LoginProfile");
			policyArnByUser.put((String) user.get("UserName"), list(user.get("ManagedPolicyArns")));
		}
		assertThat(policyArnByUser).containsOnlyKeys("klepp-api-service", "klepp-metadata-ingestor",
				"klepp-thumbnail-worker", "klepp-rendition-worker");
		policyArnByUser.forEach((user, policies) -> assertThat(policies).as(user)
			.isEqualTo(List.of("arn:aws:iam::" + Template.ACCOUNT + ":policy/" + user)));
		assertThat(template.resourcesOfType("AWS::IAM::AccessKey")).as("no secret in stack outputs").isEmpty();
	}

	/** Every "action resource" pair the named managed policy allows. */
	private Set<String> permissions(String policyName) {
		String id = template.resourcesOfType("AWS::IAM::ManagedPolicy")
			.stream()
			.filter(candidate -> policyName.equals(template.properties(candidate).get("ManagedPolicyName")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no managed policy " + policyName));
		Set<String> permissions = new HashSet<>();
		for (Object statement : list(map(template.properties(id).get("PolicyDocument")).get("Statement"))) {
			for (Object action : list(map(statement).get("Action"))) {
				for (Object resource : list(map(statement).get("Resource"))) {
					permissions.add(action + " " + resource);
				}
			}
		}
		return permissions;
	}

	private static Properties apiDefaults() {
		return RepositoryFiles.properties("api-service/src/main/resources/klepp-api.properties");
	}

	private static Map<String, Object> onlyStatement(Map<String, Object> policy) {
		List<Object> statements = list(map(policy.get("PolicyDocument")).get("Statement"));
		assertThat(statements).hasSize(1);
		return map(statements.get(0));
	}

	private static Set<String> namesOf(String type, String nameProperty) {
		return propertiesByName(type, nameProperty).keySet();
	}

	private static Map<String, Map<String, Object>> propertiesByName(String type, String nameProperty) {
		return template.resourcesOfType(type)
			.stream()
			.map(template::properties)
			.collect(Collectors.toMap(properties -> (String) properties.get(nameProperty), properties -> properties,
					(a, b) -> {
						throw new AssertionError("two " + type + " named " + a.get(nameProperty));
					}, LinkedHashMap::new));
	}

	private String queueArn(String queue) {
		return "arn:aws:sqs:" + Template.REGION + ":" + Template.ACCOUNT + ":" + queue;
	}

	private String queueUrl(String queue) {
		return "https://sqs." + Template.REGION + ".amazonaws.com/" + Template.ACCOUNT + "/" + queue;
	}

	private String topicArn(String topic) {
		return "arn:aws:sns:" + Template.REGION + ":" + Template.ACCOUNT + ":" + topic;
	}

	private static String objectsOf(String bucket) {
		return "arn:aws:s3:::" + bucket + "/*";
	}

}
