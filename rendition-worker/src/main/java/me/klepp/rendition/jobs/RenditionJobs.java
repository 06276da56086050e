package me.klepp.rendition.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

import me.klepp.events.DerivedKeys;
import me.klepp.events.MediaKinds;
import me.klepp.events.MediaProcessedV1;
import me.klepp.events.RenditionFailedV1;
import me.klepp.events.RenditionProgressedV1;
import me.klepp.events.RenditionReadyV1;
import me.klepp.events.s3.S3ObjectEvent;
import me.klepp.rendition.playback.Decision;
import me.klepp.rendition.playback.Rendition;
import me.klepp.rendition.playback.RenditionException;
import me.klepp.rendition.playback.Renditions;
import me.klepp.rendition.storage.MediaObjects;
import me.klepp.rendition.storage.MediaObjects.Upload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * One upload event, one job: the current version of the video is fetched into a temporary file, made playable,
 * the rendition (if one is needed) written to {@code <key>/playable.mp4}, and the result reported. Everything is
 * keyed by the object version (ETag), so a redelivered or late event makes the same result or none.
 */
@Service
class RenditionJobs {

	private static final Logger log = LoggerFactory.getLogger(RenditionJobs.class);

	private final MediaObjects objects;

	private final Renditions renditions;

	private final EventPublisher events;

	private final WorkerProperties properties;

	private final JobDirectories directories;

	RenditionJobs(MediaObjects objects, Renditions renditions, EventPublisher events, WorkerProperties properties,
			JobDirectories directories) {
		this.objects = objects;
		this.renditions = renditions;
		this.events = events;
		this.properties = properties;
		this.directories = directories;
	}

	/**
	 * @param attempt delivery number of the message (1 for the first)
	 * @throws RuntimeException when the job should be tried again later
	 */
	void process(S3ObjectEvent event, int attempt) {
		process(event.bucket(), event.key(), event.eTag(), attempt);
	}

	/**
	 * A regeneration: the rendition of the object's current version, whatever it is, made again.
	 *
	 * @param attempt as for {@link #process(S3ObjectEvent, int)}
	 */
	void regenerate(String bucket, String key, int attempt) {
		process(bucket, key, null, attempt);
	}

	/** @param eTag the version an S3 event is about; null for whatever version is current */
	private void process(String bucket, String key, String eTag, int attempt) {
		if (!objects.mediaBucket().equals(bucket)) {
			log.warn("ignoring {} of bucket {}: only {} is processed", key, bucket, objects.mediaBucket());
			return;
		}
		Optional<Upload> found = objects.head(key);
		if (found.isEmpty()) {
			log.info("{} was removed before it was processed; skipped", key);
			return;
		}
		Upload upload = found.get();
		if (!MediaKinds.of(upload.key(), upload.contentType()).equals(Optional.of(MediaProcessedV1.VIDEO))) {
			return; // pictures and things that are no klepp file at all need no rendition
		}
		if (eTag != null && !upload.unquotedETag().equals(eTag.replace("\"", ""))) {
			log.info("{} was overwritten since this event; skipped (the newer upload has its own)", upload.key());
			return;
		}
		if (upload.size() > properties.maxSourceSize().toBytes()) {
			fail(upload, "too large for a rendition: " + upload.size() + " bytes is more than "
					+ properties.maxSourceSize().toBytes());
			return;
		}
		try (JobDirectories.Job job = directories.create()) {
			run(upload, job.dir(), attempt);
		}
	}

	private void run(Upload upload, Path dir, int attempt) {
		long began = System.nanoTime();
		Path source = dir.resolve("source");
		try {
			if (!objects.download(upload, source)) {
				log.info("{} changed while it was read; skipped (its new version has its own event)", upload.key());
				return;
			}
			Rendition rendition = renditions.make(source, dir.resolve("playable.mp4"), percent -> events.publish(
					upload.key(), new RenditionProgressedV1(objects.mediaBucket(), upload.key(), upload.unquotedETag(),
							percent)));
			String renditionKey = null;
			if (rendition.file() != null) {
				renditionKey = DerivedKeys.playable(upload.key());
				objects.putRendition(renditionKey, rendition.file(), properties.partSize().toBytes());
			}
			Decision decision = rendition.decision();
			events.publish(upload.key(), new RenditionReadyV1(objects.mediaBucket(), upload.key(),
					upload.unquotedETag(), decision.way().name().toLowerCase(java.util.Locale.ROOT), decision.reason(),
					renditionKey == null ? null : objects.derivedBucket(), renditionKey, rendition.sizeBytes(),
					rendition.width(), rendition.height(), rendition.videoCodec(),
					rendition.durationUs() > 0 ? rendition.durationUs() / 1000 : null));
			log.info("{}: {} in {} ms ({})", upload.key(), decision.way(), (System.nanoTime() - began) / 1_000_000,
					decision.reason());
		}
		catch (RenditionException e) {
			if (e.isRetryable() && attempt < properties.maxAttempts()) {
				throw new IllegalStateException(upload.key() + ": " + e.getMessage() + " (attempt " + attempt + " of "
						+ properties.maxAttempts() + ")", e);
			}
			fail(upload, e.isRetryable() ? e.getMessage() + " (gave up after " + attempt + " attempts)"
					: e.getMessage());
		}
		catch (IOException e) {
			throw new UncheckedIOException("working on " + upload.key() + " failed", e);
		}
	}

	private void fail(Upload upload, String reason) {
		log.info("no rendition of {}: {}", upload.key(), reason);
		events.publish(upload.key(),
				new RenditionFailedV1(objects.mediaBucket(), upload.key(), upload.unquotedETag(), reason));
	}

}
