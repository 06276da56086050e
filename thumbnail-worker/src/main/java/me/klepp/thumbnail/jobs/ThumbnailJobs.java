package me.klepp.thumbnail.jobs;

import me.klepp.events.MediaMetadata;
import me.klepp.events.MediaProcessedV1;
import me.klepp.events.MediaProcessingFailedV1;
import me.klepp.events.s3.S3ObjectEvent;
import me.klepp.thumbnail.ThumbnailProperties;
import me.klepp.thumbnail.media.MediaAnalysis;
import me.klepp.thumbnail.media.MediaAnalysisException;
import me.klepp.thumbnail.media.MediaAnalyzer;
import me.klepp.thumbnail.messaging.MediaEventPublisher;
import me.klepp.thumbnail.storage.S3Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * One upload: FFmpeg reads the object through a presigned GET URL (ranged reads, no download of the whole
 * file), the thumbnail goes to the derived bucket, and the result is reported as a versioned event. A file
 * that is not usable media is reported as failed and not retried; infrastructure errors propagate so the
 * message is redelivered.
 */
@Service
class ThumbnailJobs {

	private static final Logger log = LoggerFactory.getLogger(ThumbnailJobs.class);

	private final S3Client s3;

	private final S3Presigner presigner;

	private final S3Properties buckets;

	private final ThumbnailProperties properties;

	private final MediaEventPublisher events;

	private final MediaAnalyzer analyzer;

	ThumbnailJobs(S3Client s3, S3Presigner presigner, S3Properties buckets, ThumbnailProperties properties,
			MediaEventPublisher events) {
		this.s3 = s3;
		this.presigner = presigner;
		this.buckets = buckets;
		this.properties = properties;
		this.events = events;
		this.analyzer = new MediaAnalyzer(properties.thumbnailMaxWidth());
	}

	void process(S3ObjectEvent upload) {
		if (!buckets.mediaBucket().equals(upload.bucket())) {
			log.warn("ignoring event of bucket {}: only {} is processed", upload.bucket(), buckets.mediaBucket());
			return;
		}
		if (!exists(upload)) {
			log.info("{} was removed before it was processed; skipped", upload.key());
			return;
		}
		long began = System.nanoTime();
		MediaAnalysis analysis;
		try {
			analysis = analyzer.analyze(readUrl(upload));
		}
		catch (MediaAnalysisException notMedia) {
			if (notMedia.isRetryable()) {
				// S3 unreachable, a timeout, an expired URL: not the file's fault; the message comes back later.
				throw new IllegalStateException("reading " + upload.key() + " failed, will retry: "
						+ notMedia.getMessage(), notMedia);
			}
			log.info("{} is not usable media: {}", upload.key(), notMedia.getMessage());
			events.publish(upload.key(), new MediaProcessingFailedV1(upload.bucket(), upload.key(), upload.eTag(),
					notMedia.getMessage()));
			return;
		}
		String thumbnailKey = upload.key() + "/thumbnail.jpg";
		s3.putObject(put -> put.bucket(buckets.derivedBucket()).key(thumbnailKey).contentType("image/jpeg"),
				RequestBody.fromBytes(analysis.thumbnailJpeg()));
		events.publish(upload.key(), new MediaProcessedV1(upload.bucket(), upload.key(), upload.eTag(), upload.size(),
				analysis.kind(), buckets.derivedBucket(), thumbnailKey, analysis.thumbnailWidth(),
				analysis.thumbnailHeight(), new MediaMetadata(analysis.durationMs(), analysis.width(),
						analysis.height(), analysis.videoCodec(), analysis.fps(), analysis.hasAudio(),
						analysis.bitrate())));
		log.info("{} processed in {} ms: {} {}x{}", upload.key(), (System.nanoTime() - began) / 1_000_000,
				analysis.kind(), analysis.width(), analysis.height());
	}

	private boolean exists(S3ObjectEvent upload) {
		try {
			s3.headObject(head -> head.bucket(upload.bucket()).key(upload.key()));
			return true;
		}
		catch (NoSuchKeyException gone) {
			return false;
		}
		catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
			if (e.statusCode() == 404) {
				return false;
			}
			throw e;
		}
	}

	private String readUrl(S3ObjectEvent upload) {
		return presigner
			.presignGetObject(get -> get.signatureDuration(properties.readUrlTtl())
				.getObjectRequest(object -> object.bucket(upload.bucket()).key(upload.key())))
			.url()
			.toString();
	}

}
