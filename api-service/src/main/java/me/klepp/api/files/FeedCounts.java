package me.klepp.api.files;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The feed's {@code total_count}, exact, without counting every match on every request (at 100,000 files the count
 * was nearly all of a feed request's database time; docs/benchmarks.md).
 *
 * <p>
 * A count is remembered together with the snapshot it was taken in. It is still the right answer while no
 * transaction that snapshot did not see has committed a change to what the feed's filters read; triggers log
 * every such change in {@code feed_change} with its transaction id (V7), whoever writes. So a remembered count is
 * reused after one index probe, {@link #CHANGED_SINCE}, and counted afresh otherwise. A change still in flight
 * is invisible to the probe and to a fresh count alike.
 *
 * <p>
 * Counts are reused for at most {@code klepp.feed.count-cache-max-age}; the same interval prunes the change log
 * of rows that no remembered snapshot (on any instance) can still miss.
 */
@Component
class FeedCounts {

	/** Whether a transaction that the snapshot did not see has since committed a feed change. */
	static final String CHANGED_SINCE = """
			select exists (select 1 from feed_change
			               where xid >= pg_snapshot_xmin(cast(:snapshot as pg_snapshot))
			                 and not pg_visible_in_snapshot(xid, cast(:snapshot as pg_snapshot))) as changed""";

	private static final int MAX_ENTRIES = 1000;

	private final DatabaseClient db;

	private final Duration maxAge;

	private final Clock clock = Clock.systemUTC();

	private final Map<String, Count> counts = new ConcurrentHashMap<>();

	/**
	 * The oldest transaction running at the pruning before the previous one: every snapshot that a count still in
	 * use was taken in sees all older changes. Two rounds back rather than one, so that a count read just before it
	 * expires, or one remembered on an instance whose rounds run at other times, is never checked against a log
	 * already pruned under it.
	 */
	private volatile String pruneBelow;

	private volatile String nextPruneBelow;

	FeedCounts(DatabaseClient db, @Value("${klepp.feed.count-cache-max-age:PT10M}") Duration maxAge) {
		this.db = db;
		this.maxAge = maxAge;
	}

	Mono<Long> count(FeedSql sql) {
		String key = key(sql);
		Count known = counts.get(key);
		if (known == null || clock.millis() - known.countedAt() >= maxAge.toMillis()) {
			return recount(key, sql);
		}
		return db.sql(CHANGED_SINCE)
			.bind("snapshot", known.snapshot())
			.map(row -> Boolean.TRUE.equals(row.get("changed", Boolean.class)))
			.one()
			.flatMap(changed -> changed ? recount(key, sql) : Mono.just(known.total()));
	}

	private Mono<Long> recount(String key, FeedSql sql) {
		long countedAt = clock.millis();
		return FileCatalog.bind(db.sql(sql.count()), sql.binds).map(row -> new Count(row.get("total", Long.class), row.get("snapshot", String.class), countedAt))
			.one()
			.doOnNext(count -> {
				if (counts.size() >= MAX_ENTRIES) {
					counts.clear();
				}
				counts.put(key, count);
			})
			.map(Count::total);
	}

	/**
	 * Every remembered count is younger than {@code maxAge}, so its snapshot is newer than the previous pruning and
	 * sees every transaction older than what was running then; changes of those can be dropped (with a round's
	 * margin, see {@link #pruneBelow}).
	 */
	@Scheduled(fixedDelayString = "${klepp.feed.count-cache-max-age:PT10M}",
			initialDelayString = "${klepp.feed.count-cache-max-age:PT10M}")
	void prune() {
		String below = pruneBelow;
		Mono<Void> delete = below == null ? Mono.empty()
				: db.sql("delete from feed_change where xid < cast(:below as xid8)").bind("below", below).then();
		pruneBelow = nextPruneBelow;
		nextPruneBelow = delete.then(db.sql("select pg_snapshot_xmin(pg_current_snapshot())::text as xmin")
			.map(row -> row.get("xmin", String.class))
			.one()).block(Duration.ofMinutes(1));
	}

	private static String key(FeedSql sql) {
		StringBuilder key = new StringBuilder(sql.where);
		sql.binds.forEach((name, value) -> key.append('\u0000')
			.append(name)
			.append('=')
			.append(value instanceof Object[] array ? Arrays.toString(array) : String.valueOf(value)));
		return key.toString();
	}

	private record Count(long total, String snapshot, long countedAt) {
	}

}
