package me.klepp.devstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import me.klepp.events.s3.S3Notification;
import me.klepp.events.s3.S3NotificationParser;
import me.klepp.events.s3.S3ObjectEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The devstack's S3 announces writes to both subscribed queues in the AWS format, as S3 → SNS → SQS does. */
class S3NotificationsTest {

	static Devstack stack;

	static S3Client s3;

	final S3NotificationParser parser = new S3NotificationParser();

	@BeforeAll
	static void start() {
		stack = Devstack.startTransient();
		s3 = stack.s3Client();
	}

	@AfterAll
	static void stop() {
		stack.close();
	}

	@Test
	void everyKindOfWriteToTheMediaBucketReachesBothConsumers() throws Exception {
		String key = "alice/2026/01/ShareX Ab+Cdé.mp4";
		s3.putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(key).contentType("video/mp4"),
				RequestBody.fromString("plain put"));
		presignedPut("bob/presigned.png", "image/png", "png bytes");
		multipartUpload("carol/big.mp4");
		s3.copyObject(c -> c.sourceBucket(KleppResources.MEDIA_BUCKET).sourceKey(key)
			.destinationBucket(KleppResources.MEDIA_BUCKET).destinationKey("alice/copy.mp4"));
		s3.deleteObject(d -> d.bucket(KleppResources.MEDIA_BUCKET).key("alice/copy.mp4"));

		for (String queue : KleppResources.UPLOAD_SUBSCRIBERS) {
			List<S3ObjectEvent> events = receive(queue, 5);
			assertThat(events).extracting(S3ObjectEvent::eventName)
				.containsExactlyInAnyOrder("ObjectCreated:Put", "ObjectCreated:Put",
						"ObjectCreated:CompleteMultipartUpload", "ObjectCreated:Copy", "ObjectRemoved:Delete");
			S3ObjectEvent plain = events.stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow();
			assertThat(plain.bucket()).isEqualTo(KleppResources.MEDIA_BUCKET);
			assertThat(plain.size()).isEqualTo("plain put".length());
			assertThat(plain.eTag()).matches("[0-9a-f]{32}");
			assertThat(plain.sequencer()).isNotBlank();
			assertThat(events.stream().filter(e -> e.key().equals("carol/big.mp4")).findFirst().orElseThrow().size())
				.isEqualTo(5 * 1024 * 1024 + 3);
		}
	}

	@Test
	void writesToTheDerivedBucketAreNotAnnounced() {
		s3.putObject(p -> p.bucket(KleppResources.DERIVED_BUCKET).key("alice/x.mp4/thumbnail.jpg"),
				RequestBody.fromString("jpeg"));
		s3.putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key("marker/after.png"), RequestBody.fromString("x"));

		// The marker written afterwards arrives; nothing about the derived object came before or with it.
		for (String queue : KleppResources.UPLOAD_SUBSCRIBERS) {
			List<S3ObjectEvent> events = receive(queue, 1);
			assertThat(events).extracting(S3ObjectEvent::key).containsExactly("marker/after.png");
		}
	}

	@Test
	void aPresignedPutWithAnotherContentTypeIsRefused() throws Exception {
		var response = presignedPutAs("dave/x.mp4", "video/mp4", "text/html", "bytes");
		assertThat(response.statusCode()).isEqualTo(403);
	}

	private List<S3ObjectEvent> receive(String queue, int expected) {
		List<S3ObjectEvent> events = new ArrayList<>();
		String url = stack.queueUrl(queue);
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			var messages = stack.sqsClient().receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
				.messages();
			for (var message : messages) {
				S3Notification notification = parser.parse(message.body());
				events.addAll(((S3Notification.ObjectEvents) notification).records());
				stack.sqsClient().deleteMessage(d -> d.queueUrl(url).receiptHandle(message.receiptHandle()));
			}
			return events.size() >= expected;
		});
		// Anything beyond the expected events would already be in the queue: S3 announces before it answers.
		var extra = stack.sqsClient().receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages();
		extra.forEach(message -> events.addAll(((S3Notification.ObjectEvents) parser.parse(message.body())).records()));
		return events;
	}

	private void presignedPut(String key, String contentType, String body) throws Exception {
		assertThat(presignedPutAs(key, contentType, contentType, body).statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> presignedPutAs(String key, String signedType, String sentType, String body)
			throws Exception {
		try (S3Presigner presigner = S3Presigner.builder()
			.endpointOverride(stack.s3Endpoint())
			.region(Region.of(Devstack.REGION))
			.credentialsProvider(StaticCredentialsProvider.create(stack.credentials()))
			.serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
			.build()) {
			URI url = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
				.putObjectRequest(o -> o.bucket(KleppResources.MEDIA_BUCKET).key(key).contentType(signedType)))
				.url()
				.toURI();
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(url).header("Content-Type", sentType)
					.PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
		}
	}

	private void multipartUpload(String key) {
		String uploadId = s3.createMultipartUpload(c -> c.bucket(KleppResources.MEDIA_BUCKET).key(key)).uploadId();
		byte[] first = new byte[5 * 1024 * 1024];
		String etag1 = s3.uploadPart(u -> u.bucket(KleppResources.MEDIA_BUCKET).key(key).uploadId(uploadId).partNumber(1),
				RequestBody.fromBytes(first)).eTag();
		String etag2 = s3.uploadPart(u -> u.bucket(KleppResources.MEDIA_BUCKET).key(key).uploadId(uploadId).partNumber(2),
				RequestBody.fromBytes(new byte[3])).eTag();
		s3.completeMultipartUpload(c -> c.bucket(KleppResources.MEDIA_BUCKET).key(key).uploadId(uploadId)
			.multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag1).build(),
					CompletedPart.builder().partNumber(2).eTag(etag2).build())));
	}

}
