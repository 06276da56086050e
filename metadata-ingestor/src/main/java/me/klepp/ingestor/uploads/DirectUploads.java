package me.klepp.ingestor.uploads;

import java.util.Optional;
import java.util.UUID;

import me.klepp.events.MediaKinds;
import me.klepp.ingestor.catalog.ObjectRegistry;
import me.klepp.ingestor.storage.S3Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Applies S3's word about objects to the catalog, registering objects that arrived without the API: owner from
 * the first key segment, display name from the file name, media kind by {@link MediaKinds} (the stored
 * Content-Type, or else the extension; the thumbnail worker skips by the same rule).
 */
@Service
public class DirectUploads {

	private static final Logger log = LoggerFactory.getLogger(DirectUploads.class);

	private final ObjectRegistry registry;

	private final S3Client s3;

	private final S3Properties buckets;

	private final DirectUploadProperties properties;

	DirectUploads(ObjectRegistry registry, S3Client s3, S3Properties buckets, DirectUploadProperties properties) {
		this.registry = registry;
		this.s3 = s3;
		this.buckets = buckets;
		this.properties = properties;
	}

	public ObjectRegistry.Outcome created(ObjectRegistry.StoredObject object) {
		ObjectRegistry.Outcome outcome = registry.created(object, null);
		if (outcome == ObjectRegistry.Outcome.REFUSED) {
			log.warn("{} was written at the key of a file deleted through the API: deleted again, not listed",
					object.key());
		}
		if (outcome != ObjectRegistry.Outcome.UNKNOWN) {
			return outcome;
		}
		Optional<ObjectRegistry.NewRow> row = newRow(object.key());
		if (row.isEmpty()) {
			return ObjectRegistry.Outcome.UNKNOWN;
		}
		outcome = registry.created(object, row.get());
		if (outcome == ObjectRegistry.Outcome.REGISTERED) {
			var registered = row.get();
			if (registered.ownerId() == null) {
				log.warn("registered {} as unclaimed: owner '{}' is not a known or allowed user", object.key(),
						registered.unclaimedOwner());
			}
			else {
				log.info("registered direct upload {} ({} bytes)", object.key(), object.size());
			}
		}
		return outcome;
	}

	public boolean removed(String key, String sequencer) {
		return registry.removed(key, sequencer, buckets.derivedBucket());
	}

	private Optional<ObjectRegistry.NewRow> newRow(String key) {
		String contentType;
		try {
			contentType = s3.headObject(head -> head.bucket(buckets.mediaBucket()).key(key)).contentType();
		}
		catch (NoSuchKeyException gone) {
			log.info("{} was removed before it could be registered", key);
			return Optional.empty();
		}
		catch (S3Exception e) {
			if (e.statusCode() == 404) {
				log.info("{} was removed before it could be registered", key);
				return Optional.empty();
			}
			throw e;
		}
		String fileName = key.substring(key.lastIndexOf('/') + 1);
		String kind = MediaKinds.of(key, contentType).orElse(null);
		if (kind == null) {
			log.warn("{} ({}) is neither a video nor an image: not listed in the feed", key, contentType);
			return Optional.empty();
		}
		int slash = key.indexOf('/');
		String owner = slash > 0 ? key.substring(0, slash) : null;
		UUID ownerId = null;
		String unclaimed = null;
		if (owner != null) {
			ownerId = registry.userId(owner)
				.or(() -> properties.allows(owner) ? Optional.of(registry.ensureUser(owner)) : Optional.empty())
				.orElse(null);
		}
		if (ownerId == null) {
			unclaimed = owner == null ? "" : owner;
		}
		return Optional.of(new ObjectRegistry.NewRow(ownerId, unclaimed, displayName(fileName),
				contentType == null ? "application/octet-stream" : contentType, kind));
	}

	static String displayName(String fileName) {
		int dot = fileName.lastIndexOf('.');
		String name = (dot > 0 ? fileName.substring(0, dot) : fileName).strip();
		if (name.isEmpty()) {
			return "untitled";
		}
		return name.length() > 100 ? name.substring(0, 100) : name;
	}

}
