package me.klepp.messaging;

import java.util.concurrent.TimeUnit;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/** SQS is reachable and answers (part of readiness: a consumer that cannot receive is not ready). */
class SqsHealthIndicator extends AbstractHealthIndicator {

	private final SqsAsyncClient sqs;

	SqsHealthIndicator(SqsAsyncClient sqs) {
		super("SQS is not reachable");
		this.sqs = sqs;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		int queues = sqs.listQueues(list -> list.maxResults(1)).get(3, TimeUnit.SECONDS).queueUrls().size();
		builder.up().withDetail("reachable", true).withDetail("sampleQueues", queues);
	}

}
