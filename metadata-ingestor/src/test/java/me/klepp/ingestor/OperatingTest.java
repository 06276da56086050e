package me.klepp.ingestor;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import me.klepp.devstack.Devstack;
import me.klepp.devstack.KleppResources;
import me.klepp.events.s3.S3NotificationWriter;
import me.klepp.messaging.PoisonMessages;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.sqs.model.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ingestor as operators see it: poison messages land in the dead-letter queue at once with their reason,
 * without holding up the queue; health, readiness and metrics over its management port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OperatingTest {

	static final Devstack stack = Devstack.shared();

	@DynamicPropertySource
	static void devstack(DynamicPropertyRegistry registry) {
		stack.springProperties().forEach((key, value) -> registry.add(key, () -> value));
	}

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void poisonMessagesAreDeadLetteredAtOnceWithTheirReasonAndTheQueueMovesOn() {
		List<String> poison = List.of("this is not json", "{\"Records\":[{\"eventVersion\":\"3.0\"}]}");
		poison.forEach(body -> send(KleppResources.INGESTOR_UPLOADS_QUEUE, body));
		send(KleppResources.MEDIA_EVENTS_QUEUE, """
				{"specversion":"1.0","id":"1","source":"urn:test","type":"me.klepp.media.processed.v9",
				 "time":"2026-01-01T00:00:00Z","data":{}}""");
		// The S3 test event is not poison: acknowledged and skipped, never dead-lettered.
		send(KleppResources.INGESTOR_UPLOADS_QUEUE, new S3NotificationWriter().testEventJson(KleppResources.MEDIA_BUCKET));

		List<Message> uploadsDlq = receiveAll(KleppResources.deadLetterQueue(KleppResources.INGESTOR_UPLOADS_QUEUE), 2);
		List<Message> eventsDlq = receiveAll(KleppResources.deadLetterQueue(KleppResources.MEDIA_EVENTS_QUEUE), 1);

		assertThat(uploadsDlq).extracting(Message::body).containsExactlyInAnyOrderElementsOf(poison);
		assertThat(uploadsDlq).allSatisfy(m -> assertThat(m.messageAttributes().get(PoisonMessages.REASON_ATTRIBUTE)
			.stringValue()).isNotBlank());
		assertThat(eventsDlq.get(0).messageAttributes().get(PoisonMessages.REASON_ATTRIBUTE).stringValue())
			.contains("me.klepp.media.processed.v9");
	}

	@Test
	void livenessReadinessWithDatabaseAndSqsAndPrometheusMetrics() throws Exception {
		var readiness = get("/actuator/health/readiness");
		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
		var health = get("/actuator/health");
		assertThat(health.body()).contains("\"db\"").contains("\"sqs\"");

		send(KleppResources.INGESTOR_UPLOADS_QUEUE, new S3NotificationWriter().testEventJson("klepp-media"));
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(get("/actuator/prometheus").body())
			.contains("klepp_messages_processed_seconds_count{outcome=\"ok\",queue=\"klepp-ingestor-uploads\"}")
			.contains("klepp_messages_lag_seconds"));
	}

	private HttpResponse<String> get(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private void send(String queue, String body) {
		stack.sqsClient().sendMessage(m -> m.queueUrl(stack.queueUrl(queue)).messageBody(body));
	}

	private List<Message> receiveAll(String queue, int expected) {
		List<Message> received = new ArrayList<>();
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			for (Message m : stack.sqsClient().receiveMessage(r -> r.queueUrl(stack.queueUrl(queue))
				.maxNumberOfMessages(10).waitTimeSeconds(1).messageAttributeNames("All")).messages()) {
				received.add(m);
				stack.sqsClient().deleteMessage(d -> d.queueUrl(stack.queueUrl(queue)).receiptHandle(m.receiptHandle()));
			}
			return received.size() >= expected;
		});
		return received;
	}

}
