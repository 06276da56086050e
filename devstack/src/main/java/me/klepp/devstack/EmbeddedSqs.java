package me.klepp.devstack;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** ElasticMQ speaking the SQS protocol; every queue gets a dead-letter queue through a RedrivePolicy. */
final class EmbeddedSqs implements AutoCloseable {

	private final SQSRestServer server;

	private final URI endpoint;

	private final SqsClient client;

	private final Map<String, String> queueUrls = new HashMap<>();

	EmbeddedSqs(int port, String region, AwsBasicCredentials credentials) {
		var builder = port == 0 ? SQSRestServerBuilder.withDynamicPort() : SQSRestServerBuilder.withPort(port);
		this.server = builder.withInterface("127.0.0.1").withAWSRegion(region).start();
		int actualPort = server.waitUntilStarted().localAddress().getPort();
		this.endpoint = URI.create("http://127.0.0.1:" + actualPort);
		this.client = SqsClient.builder()
			.endpointOverride(endpoint)
			.region(Region.of(region))
			.credentialsProvider(StaticCredentialsProvider.create(credentials))
			.build();
	}

	URI endpoint() {
		return endpoint;
	}

	SqsClient client() {
		return client;
	}

	void createQueueWithDeadLetterQueue(String name, int visibilityTimeoutSeconds, int maxReceiveCount) {
		String dlqUrl = client.createQueue(b -> b.queueName(KleppResources.deadLetterQueue(name))
			.attributes(Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600")))
			.queueUrl();
		String dlqArn = client.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
			.attributes()
			.get(QueueAttributeName.QUEUE_ARN);
		String redrivePolicy = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount
				+ "\"}";
		String url = client.createQueue(b -> b.queueName(name)
			.attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilityTimeoutSeconds),
					QueueAttributeName.REDRIVE_POLICY, redrivePolicy)))
			.queueUrl();
		queueUrls.put(name, url);
		queueUrls.put(KleppResources.deadLetterQueue(name), dlqUrl);
	}

	String queueUrl(String name) {
		String url = queueUrls.get(name);
		if (url == null) {
			throw new IllegalArgumentException("no queue named " + name + "; known: " + queueUrls.keySet());
		}
		return url;
	}

	void send(String queueName, String body) {
		client.sendMessage(b -> b.queueUrl(queueUrl(queueName)).messageBody(body));
	}

	@Override
	public void close() {
		client.close();
		server.stopAndWait();
	}

}
