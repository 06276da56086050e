package me.klepp.ingestor.catalog;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import me.klepp.events.DerivedKeys;
import me.klepp.events.s3.S3Sequencers;
import me.klepp.ingestor.storage.S3Properties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps {@code media_file} in step with what S3 says exists, for every object of the bucket: confirming API
 * uploads, registering the ones that bypassed the API, and removing rows whose object was removed. Events for one
 * key are ordered by S3's sequencer: a row remembers the last one applied and a removal leaves a tombstone, so
 * duplicates and late events change nothing. A key whose file was deleted through the API is final: whatever is
 * written there later (a presigned PUT is valid for its whole lifetime) is deleted again, never registered.
 * Another version at a known key (a new ETag) resets the row's processing, so the new bytes are processed and the
 * old version's pictures and metadata are not shown for them.
 */
@Repository
public class ObjectRegistry {

	private final JdbcClient jdbc;

	private final S3Properties buckets;

	ObjectRegistry(JdbcClient jdbc, S3Properties buckets) {
		this.jdbc = jdbc;
		this.buckets = buckets;
	}

	/** @return what became of the object in the catalog */
	@Transactional
	public Outcome created(StoredObject object, NewRow whenAbsent) {
		Optional<Tombstone> tombstone = jdbc
			.sql("select sequencer, final from object_tombstone where object_key = :key for update")
			.param("key", object.key())
			.query((rs, n) -> new Tombstone(rs.getString(1), rs.getBoolean(2)))
			.optional();
		if (tombstone.isPresent() && tombstone.get().permanent()) {
			// Deleted through the API: the object goes again, with whatever the worker may have made of it.
			queueDeletion(buckets.mediaBucket(), object.key(), false);
			for (String derived : DerivedKeys.all(object.key())) {
				queueDeletion(buckets.derivedBucket(), derived, false);
			}
			return Outcome.REFUSED;
		}
		if (tombstone.isPresent() && !newer(object.sequencer(), tombstone.get().sequencer())) {
			return Outcome.STALE;
		}
		var existing = jdbc.sql("select last_sequencer from media_file where object_key = :key for update")
			.param("key", object.key())
			.query((rs, n) -> Optional.ofNullable(rs.getString(1)))
			.optional();
		if (existing.isPresent() && existing.get().isPresent() && !newer(object.sequencer(), existing.get().get())) {
			return Outcome.STALE;
		}
		if (existing.isEmpty()) {
			if (whenAbsent == null) {
				return Outcome.UNKNOWN;
			}
			jdbc.sql("""
					insert into media_file (id, object_key, owner_id, unclaimed_owner, display_name, content_type,
					    media_kind)
					values (:id, :key, :owner, :unclaimed, :name, :type, :kind)
					on conflict (object_key) do nothing""")
				.param("id", UUID.randomUUID())
				.param("key", object.key())
				.param("owner", whenAbsent.ownerId())
				.param("unclaimed", whenAbsent.unclaimedOwner())
				.param("name", whenAbsent.displayName())
				.param("type", whenAbsent.contentType())
				.param("kind", whenAbsent.mediaKind())
				.update();
		}
		jdbc.sql("""
				update media_file
				set upload_state = 'uploaded', size_bytes = :size, etag = :etag, last_sequencer = :sequencer,
				    uploaded_at = coalesce(uploaded_at, :time)
				where object_key = :key""")
			.param("size", object.size())
			.param("etag", object.eTag())
			.param("sequencer", object.sequencer())
			.param("time", Timestamp.from(object.time()))
			.param("key", object.key())
			.update();
		// An overwrite: what the processing columns say is about other bytes. The worker has this version's event
		// and reports on it; until then the file is pending again (and ends failed if the new bytes are bad).
		jdbc.sql("""
				update media_file
				set processing_state = 'pending', processing_error = null, processed_etag = null, processed_at = null,
				    thumbnail_key = null, thumbnail_width = null, thumbnail_height = null, poster_key = null,
				    poster_width = null, poster_height = null, rotation = null, duration_ms = null,
				    width = null, height = null, video_codec = null, fps = null, has_audio = null, bitrate = null
				where object_key = :key and processed_etag is not null and processed_etag <> :etag""")
			.param("etag", object.eTag())
			.param("key", object.key())
			.update();
		// the preview by its own version: it may be this version's already, reported before its processed event
		jdbc.sql("""
				update media_file
				set preview_key = null, preview_etag = null
				where object_key = :key and preview_etag is not null and preview_etag <> :etag""")
			.param("etag", object.eTag())
			.param("key", object.key())
			.update();
		// and so is the rendition: the rendition worker has this version's event too
		jdbc.sql("""
				update media_file
				set rendition_state = null, rendition_etag = null, rendition_decision = null, rendition_key = null,
				    rendition_error = null, rendition_size = null, rendition_width = null, rendition_height = null,
				    rendition_duration_ms = null
				where object_key = :key and rendition_etag is not null and rendition_etag <> :etag""")
			.param("etag", object.eTag())
			.param("key", object.key())
			.update();
		tombstone.ifPresent(t -> jdbc.sql("delete from object_tombstone where object_key = :key")
			.param("key", object.key())
			.update());
		return existing.isEmpty() ? Outcome.REGISTERED : Outcome.CONFIRMED;
	}

	/**
	 * The object left the bucket: its row goes (likes and tags with it) and its derived objects are queued for
	 * deletion through the API's deletion outbox.
	 * @return whether a row was removed
	 */
	@Transactional
	public boolean removed(String key, String sequencer, String derivedBucket) {
		var existing = jdbc.sql("select last_sequencer from media_file where object_key = :key for update")
			.param("key", key)
			.query((rs, n) -> Optional.ofNullable(rs.getString(1)))
			.optional();
		boolean remove = existing.isPresent()
				&& (existing.get().isEmpty() || sequencer == null || newer(sequencer, existing.get().get()));
		if (remove) {
			jdbc.sql("delete from media_file where object_key = :key").param("key", key).update();
			// Exactly its own derived objects, never a prefix: the key can be a folder of other things' keys.
			for (String derived : DerivedKeys.all(key)) {
				queueDeletion(derivedBucket, derived, false);
			}
		}
		jdbc.sql("""
				insert into object_tombstone (object_key, sequencer) values (:key, :sequencer)
				on conflict (object_key) do update set sequencer = excluded.sequencer, removed_at = now()""")
			.param("key", key)
			.param("sequencer", maxSequencer(key, sequencer))
			.update();
		return remove;
	}

	/** Queues the deletion of an object (or, with {@code prefix}, of every key under it) through the outbox. */
	public void queueDeletion(String bucket, String key, boolean prefix) {
		jdbc.sql("insert into object_deletion (bucket, object_key, is_prefix) values (:bucket, :key, :prefix)")
			.param("bucket", bucket)
			.param("key", key)
			.param("prefix", prefix)
			.update();
	}

	public Optional<UUID> userId(String name) {
		return jdbc.sql("select id from app_user where lower(name) = lower(:name)")
			.param("name", name)
			.query(UUID.class)
			.optional();
	}

	@Transactional
	public UUID ensureUser(String name) {
		jdbc.sql("insert into app_user (id, name) values (:id, :name) on conflict (lower(name)) do nothing")
			.param("id", UUID.randomUUID())
			.param("name", name)
			.update();
		return userId(name).orElseThrow();
	}

	public boolean isRegistered(String key) {
		return jdbc.sql("select count(*) from media_file where object_key = :key").param("key", key).query(Long.class)
			.single() > 0;
	}

	public boolean removedSince(String key, Instant since) {
		return jdbc.sql("select count(*) from object_tombstone where object_key = :key and removed_at >= :since")
			.param("key", key)
			.param("since", Timestamp.from(since))
			.query(Long.class)
			.single() > 0;
	}

	private String maxSequencer(String key, String sequencer) {
		String known = jdbc.sql("select sequencer from object_tombstone where object_key = :key")
			.param("key", key)
			.query(String.class)
			.optional()
			.orElse(null);
		return known == null || (sequencer != null && S3Sequencers.compare(sequencer, known) > 0) ? sequencer : known;
	}

	/** An event without a sequencer (e.g. from a bucket listing) cannot be ordered; it is applied. */
	private static boolean newer(String candidate, String known) {
		return candidate == null || known == null || S3Sequencers.compare(candidate, known) > 0;
	}

	private record Tombstone(String sequencer, boolean permanent) {
	}

	/** What S3 says about an object. */
	public record StoredObject(String key, Long size, String eTag, String sequencer, Instant time) {
	}

	/** The row to create for an object the catalog does not have. */
	public record NewRow(UUID ownerId, String unclaimedOwner, String displayName, String contentType,
			String mediaKind) {
	}

	public enum Outcome {

		/** An API upload S3 has now confirmed. */
		CONFIRMED,
		/** An object that bypassed the API, now in the catalog. */
		REGISTERED,
		/** Older than what the catalog already knows about the key: ignored. */
		STALE,
		/** Not in the catalog, and nothing to register it with. */
		UNKNOWN,
		/** At the key of a file deleted through the API: not registered, the object's deletion queued. */
		REFUSED

	}

}
