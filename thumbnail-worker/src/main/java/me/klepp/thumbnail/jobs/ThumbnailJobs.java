package me.klepp.thumbnail.jobs;

import java.util.Optional;

import me.klepp.events.DerivedKeys;
import me.klepp.events.MediaKinds;
import me.klepp.events.MediaMetadata;
import me.klepp.events.MediaProcessedV1;
import me.klepp.events.MediaProcessingFailedV1;
import me.klepp.events.PreviewReadyV1;
import me.klepp.thumbnail.ThumbnailProperties;
import me.klepp.thumbnail.media.Deadline;
import me.klepp.thumbnail.media.Limits;
import me.klepp.thumbnail.media.MediaAnalysis;
import me.klepp.thumbnail.media.MediaAnalysisException;
import me.klepp.thumbnail.media.MediaAnalyzer;
import me.klepp.thumbnail.media.Preview;
import me.klepp.thumbnail.media.PreviewMaker;
import me.klepp.thumbnail.messaging.MediaEventPublisher;
import me.klepp.thumbnail.storage.MediaStore;
import me.klepp.thumbnail.storage.MediaStore.StoredObject;
import me.klepp.thumbnail.storage.S3ObjectSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * One object: FFmpeg reads it with ranged GETs (never whole), the poster, the feed thumbnail and, for clips, the
 * hover preview go to the derived bucket under {@code <key>/}, and the results are reported as versioned events.
 *
 * <p>Thumbnails first: the poster, the thumbnail and the metadata are stored and reported
 * ({@code processed.v1}, without a preview) as soon as they exist, and only then is a clip's preview made, stored
 * and reported on its own ({@code preview-ready.v1}). The preview takes longer than all the rest, and the feed
 * should not wait for it.
 *
 * <ul>
 * <li>A file that is not usable media (empty, corrupt, truncated, unsupported, beyond the limits) is reported
 * failed at once: another attempt would give the same answer.</li>
 * <li>A failure that may pass (reading S3 failed, the job ran out of time) is retried; on the last attempt the file
 * is reported failed with the reason, so it never stays pending.</li>
 * <li>A preview is a nicety, and once the processed event is out the file is fine: nothing about the preview
 * reports the file failed. A failure of it that may pass (reading S3 failed) is retried as above, the whole job
 * again, which overwrites the same objects and reports the same results; anything else (the encoder, the file, the
 * job out of time: see {@link PreviewMaker}), or the last attempt, leaves the file processed without a
 * preview.</li>
 * <li>Infrastructure errors outside the file (S3 HEAD or PUT, SQS) propagate: the message is retried and
 * dead-lettered when retries are exhausted.</li>
 * <li>An object deleted or overwritten before (or while) it is read is skipped: there is nothing to report about
 * it, and a newer upload has its own event.</li>
 * <li>An object that can never be a klepp file ({@link MediaKinds}: a folder marker, {@code text/html}, no media
 * type or extension) is skipped before anything is read or written: the ingestor does not list it, so a
 * thumbnail of it would only be left behind.</li>
 * </ul>
 * Every step overwrites what an earlier attempt may have written, so duplicates and retries are harmless.
 */
@Service
class ThumbnailJobs {

	private static final Logger log = LoggerFactory.getLogger(ThumbnailJobs.class);

	private final MediaStore store;

	private final MediaEventPublisher events;

	private final ThumbnailProperties properties;

	private final MediaAnalyzer analyzer;

	private final PreviewMaker previews;

	ThumbnailJobs(MediaStore store, MediaEventPublisher events, ThumbnailProperties properties) {
		this.store = store;
		this.events = events;
		this.properties = properties;
		Limits limits = new Limits(properties.maxPixels(), properties.maxDuration());
		this.analyzer = new MediaAnalyzer(properties.posterMaxWidth(), properties.thumbnailMaxWidth(), limits);
		this.previews = properties.previewsEnabled() ? new PreviewMaker(properties.previewLength(),
				properties.previewMaxWidth(), properties.previewMaxFps(), limits) : null;
	}

	/**
	 * @param attempt delivery number of the message (1 for the first)
	 * @throws RetryLaterException when the job should be tried again later
	 */
	Outcome process(Job job, int attempt) {
		if (!store.mediaBucket().equals(job.bucket())) {
			log.warn("ignoring {} of bucket {}: only {} is processed", job.key(), job.bucket(), store.mediaBucket());
			return Outcome.SKIPPED;
		}
		Optional<StoredObject> found = store.head(job.bucket(), job.key());
		if (found.isEmpty()) {
			log.info("{} was removed before it was processed; skipped", job.key());
			return Outcome.SKIPPED;
		}
		StoredObject object = found.get();
		if (MediaKinds.of(object.key(), object.contentType()).isEmpty()) {
			log.info("{} ({}) can never be a klepp file (not listed by the catalog); skipped", job.key(),
					object.contentType());
			return Outcome.SKIPPED;
		}
		if (!object.isVersion(job.eTag())) {
			log.info("{} was overwritten since this {} event; skipped (the newer upload has its own)", job.key(),
					job.why());
			return Outcome.SKIPPED;
		}
		long began = System.nanoTime();
		Deadline deadline = Deadline.after(properties.jobTimeout());
		try (S3ObjectSource source = store.open(object)) {
			MediaAnalysis analysis;
			try {
				analysis = analyzer.analyze(source, deadline);
				Optional<String> notAsDeclared = DeclaredType.mismatch(object.contentType(), analysis);
				if (notAsDeclared.isPresent()) {
					throw new MediaAnalysisException(notAsDeclared.get());
				}
			}
			catch (MediaAnalysisException e) {
				return failed(object, e, attempt);
			}
			long analysisBytes = source.bytesRead();
			long analysisMs = (System.nanoTime() - began) / 1_000_000;
			events.publish(object.key(), storePictures(object, analysis));
			long publishedMs = (System.nanoTime() - began) / 1_000_000;
			String preview = previews == null || !analysis.isVideo() ? "none" : preview(object, source, analysis,
					deadline, attempt);
			log.info("{} ({}) processed in {} ms (poster {} ms, reported at {} ms, preview {}): {} {}x{} {}; read {} of "
					+ "{} bytes ({}%, {} before the preview) in {} requests", object.key(), job.why(),
					(System.nanoTime() - began) / 1_000_000, analysisMs, publishedMs, preview, analysis.kind(),
					analysis.width(), analysis.height(), analysis.videoCodec(), source.bytesRead(), object.size(),
					percent(source.bytesRead(), object.size()), analysisBytes, source.requests());
			return Outcome.PROCESSED;
		}
	}

	private Outcome failed(StoredObject object, MediaAnalysisException e, int attempt) {
		if (e.sourceGone()) {
			log.info("{}: {}; skipped", object.key(), e.getMessage());
			return Outcome.SKIPPED;
		}
		boolean lastAttempt = attempt >= properties.maxAttempts();
		if (e.isRetryable() && !lastAttempt) {
			throw new RetryLaterException(object.key() + ": " + e.getMessage() + " (attempt " + attempt + " of "
					+ properties.maxAttempts() + ")", e);
		}
		String reason = e.isRetryable() ? e.getMessage() + " (gave up after " + attempt + " attempts)"
				: e.getMessage();
		log.info("{} failed: {}", object.key(), reason);
		events.publish(object.key(),
				new MediaProcessingFailedV1(object.bucket(), object.key(), object.unquotedETag(), reason));
		return Outcome.FAILED;
	}

	/** The poster and the thumbnail stored; returns the event that reports them (no preview: it comes later). */
	private MediaProcessedV1 storePictures(StoredObject object, MediaAnalysis analysis) {
		String posterKey = DerivedKeys.poster(object.key());
		store.putDerived(posterKey, analysis.poster().jpeg(), "image/jpeg");
		String thumbnailKey = DerivedKeys.thumbnail(object.key());
		store.putDerived(thumbnailKey, analysis.thumbnail().jpeg(), "image/jpeg");
		return new MediaProcessedV1(object.bucket(), object.key(), object.unquotedETag(), object.size(),
				analysis.kind(), store.derivedBucket(), thumbnailKey, analysis.thumbnail().width(),
				analysis.thumbnail().height(),
				new MediaMetadata(analysis.durationMs(), analysis.width(), analysis.height(), analysis.videoCodec(),
						analysis.fps(), analysis.hasAudio(), analysis.bitrate(), analysis.rotation()),
				posterKey, analysis.poster().width(), analysis.poster().height(), null);
	}

	/**
	 * Makes, stores and reports the clip's preview. The file is already reported processed, so nothing here
	 * reports it failed.
	 * @return for the log: how long it took, or why there is none
	 * @throws RetryLaterException when reading the source failed and this is not the last attempt
	 */
	private String preview(StoredObject object, S3ObjectSource source, MediaAnalysis analysis, Deadline deadline,
			int attempt) {
		long began = System.nanoTime();
		Optional<Preview> preview;
		try {
			preview = previews.make(source, analysis, deadline);
		}
		catch (MediaAnalysisException e) {
			if (e.isRetryable() && !e.sourceGone() && attempt < properties.maxAttempts()) {
				throw new RetryLaterException(object.key() + ": " + e.getMessage() + " (attempt " + attempt + " of "
						+ properties.maxAttempts() + ", after the processed event)", e);
			}
			log.info("no preview for {}: {}{}; it stays processed without one", object.key(), e.getMessage(),
					e.isRetryable() ? " (gave up after " + attempt + " attempts)" : "");
			return "none (" + e.getMessage() + ")";
		}
		if (preview.isEmpty()) {
			return "none"; // PreviewMaker logged why
		}
		String previewKey = DerivedKeys.preview(object.key());
		store.putDerived(previewKey, preview.get().mp4(), "video/mp4");
		events.publish(object.key(), new PreviewReadyV1(object.bucket(), object.key(), object.unquotedETag(),
				store.derivedBucket(), previewKey, preview.get().width(), preview.get().height(),
				preview.get().durationMs()));
		return (System.nanoTime() - began) / 1_000_000 + " ms";
	}

	private static String percent(long part, long whole) {
		return whole <= 0 ? "-" : String.format(java.util.Locale.ROOT, "%.1f", 100.0 * part / whole);
	}

}
