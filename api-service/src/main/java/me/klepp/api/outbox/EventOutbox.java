package me.klepp.api.outbox;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import me.klepp.events.EventCodec;
import me.klepp.events.EventEnvelope;
import me.klepp.events.KleppEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The transactional outbox of the API's events: {@link #enqueue} writes the event in the caller's transaction;
 * the relay sends due rows to their queue and deletes them, backing off on failure (up to 15 minutes) and
 * keeping the last error. A crash between commit and send only delays the event; a crash between send and
 * delete sends it twice, which consumers absorb (they are idempotent).
 */
@Component
public class EventOutbox {

	private static final Logger log = LoggerFactory.getLogger(EventOutbox.class);

	static final URI SOURCE = URI.create("urn:klepp:api-service");

	private static final int BATCH = 50;

	private final DatabaseClient db;

	private final SqsClient sqs;

	private final EventCodec codec = new EventCodec();

	private final Map<String, String> queueUrls = new ConcurrentHashMap<>();

	EventOutbox(DatabaseClient db, SqsClient sqs) {
		this.db = db;
		this.sqs = sqs;
	}

	/** Call inside the transaction of the change the event reports. */
	public Mono<Void> enqueue(String queue, String subject, KleppEvent event) {
		return db.sql("insert into event_outbox (queue, body) values (:queue, :body)")
			.bind("queue", queue)
			.bind("body", codec.encode(EventEnvelope.of(SOURCE.toString(), subject, event)))
			.then();
	}

	/** Relays now rather than at the next tick; call after the transaction committed. */
	public void relaySoon() {
		relay().subscribeOn(Schedulers.boundedElastic()).subscribe();
	}

	@Scheduled(fixedDelayString = "${klepp.outbox.interval:PT2S}")
	void scheduledRelay() {
		relay().block(Duration.ofMinutes(1));
	}

	Mono<Long> relay() {
		return db.sql("""
				update event_outbox set next_attempt_at = now() + interval '1 minute'
				where id in (select id from event_outbox where next_attempt_at <= now()
				             order by id limit :batch for update skip locked)
				returning id, queue, body, attempts""")
			.bind("batch", BATCH)
			.map(row -> new Pending(row.get("id", Long.class), row.get("queue", String.class),
					row.get("body", String.class), row.get("attempts", Integer.class)))
			.all()
			.concatMap(this::send)
			.count()
			.onErrorResume(e -> {
				log.warn("outbox relay failed, will retry: {}", e.toString());
				return Mono.just(0L);
			});
	}

	private Mono<Void> send(Pending pending) {
		return Mono.fromRunnable(() -> sqs.sendMessage(m -> m.queueUrl(queueUrl(pending.queue())).messageBody(pending.body())))
			.subscribeOn(Schedulers.boundedElastic())
			.then(db.sql("delete from event_outbox where id = :id").bind("id", pending.id()).then())
			.onErrorResume(failure -> {
				int attempts = pending.attempts() + 1;
				long backoff = Math.min(900, 1L << Math.min(attempts, 10));
				log.warn("sending outbox event {} to {} failed ({} attempts), retrying in {} s: {}", pending.id(),
						pending.queue(), attempts, backoff, failure.toString());
				return db.sql("""
						update event_outbox set attempts = :attempts, last_error = :error,
						    next_attempt_at = now() + make_interval(secs => :backoff) where id = :id""")
					.bind("attempts", attempts)
					.bind("error", String.valueOf(failure.getMessage()))
					.bind("backoff", (double) backoff)
					.bind("id", pending.id())
					.then();
			});
	}

	private String queueUrl(String queue) {
		return queueUrls.computeIfAbsent(queue, name -> sqs.getQueueUrl(g -> g.queueName(name)).queueUrl());
	}

	private record Pending(long id, String queue, String body, int attempts) {
	}


}
