package me.klepp.thumbnail;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param uploadsQueue queue of S3 upload events (through the uploads SNS topic)
 * @param requestsQueue queue of versioned requests to the worker ({@code me.klepp.media.regeneration-requested.v1})
 * @param mediaEventsQueue queue the versioned media events are sent to, read by the metadata ingestor
 * @param posterMaxWidth widest poster (the representative frame for the player and link previews), in pixels
 * @param thumbnailMaxWidth widest feed thumbnail, in pixels; pictures are never upscaled
 * @param previewLength length of the hover preview of clips; zero makes none
 * @param previewMaxWidth widest hover preview, in pixels
 * @param previewMaxFps highest frame rate of the hover preview
 * @param maxPixels largest picture (width x height) decoded; larger uploads fail
 * @param maxDuration longest clip processed; longer ones fail
 * @param jobTimeout time one job may take (analysis and preview); past it during the analysis the job is retried,
 * and reported failed on its last attempt; past it during the preview the clip stays processed without one
 * @param concurrency jobs run at once from the uploads queue (each decodes on one core, the preview on more)
 * @param maxAttempts deliveries of a message before a file whose processing keeps failing in a way that might be
 * transient (timeouts, read errors) is reported failed; at most the queues' {@code maxReceiveCount}
 * @param retryBackoff how long a failed message stays invisible before its second delivery; doubles with each
 * further delivery
 * @param retryBackoffMax longest back-off
 * @param visibilityTimeout how far ahead a running job keeps its message invisible; renewed every third of it, so a
 * long job is not delivered to a second worker, and a crashed worker's job comes back this soon
 * @param pollTimeout how long each receive waits for messages (SQS long polling); stopping the worker waits for
 * the polls in progress, so this also bounds a clean shutdown
 * @param eventSource CloudEvents {@code source} of the events this worker publishes
 */
@ConfigurationProperties("klepp.thumbnail")
public record ThumbnailProperties(String uploadsQueue, String requestsQueue, String mediaEventsQueue,
		int posterMaxWidth, int thumbnailMaxWidth, Duration previewLength, int previewMaxWidth, int previewMaxFps,
		long maxPixels, Duration maxDuration, Duration jobTimeout, int concurrency, int maxAttempts,
		Duration retryBackoff, Duration retryBackoffMax, Duration visibilityTimeout, Duration pollTimeout,
		URI eventSource) {

	public ThumbnailProperties {
		posterMaxWidth = posterMaxWidth <= 0 ? 1280 : posterMaxWidth;
		thumbnailMaxWidth = thumbnailMaxWidth <= 0 ? 480 : thumbnailMaxWidth;
		previewLength = previewLength == null ? Duration.ofSeconds(3) : previewLength;
		previewMaxWidth = previewMaxWidth <= 0 ? 480 : previewMaxWidth;
		previewMaxFps = previewMaxFps <= 0 ? 30 : previewMaxFps;
		maxPixels = maxPixels <= 0 ? 36_000_000L : maxPixels;
		maxDuration = maxDuration == null ? Duration.ofHours(6) : maxDuration;
		jobTimeout = jobTimeout == null ? Duration.ofMinutes(2) : jobTimeout;
		concurrency = concurrency <= 0 ? 2 : concurrency;
		maxAttempts = maxAttempts <= 0 ? 5 : maxAttempts;
		retryBackoff = retryBackoff == null ? Duration.ofSeconds(15) : retryBackoff;
		retryBackoffMax = retryBackoffMax == null ? Duration.ofMinutes(5) : retryBackoffMax;
		visibilityTimeout = visibilityTimeout == null ? Duration.ofSeconds(60) : visibilityTimeout;
		pollTimeout = pollTimeout == null ? Duration.ofSeconds(10) : pollTimeout;
		eventSource = eventSource == null ? URI.create("urn:klepp:thumbnail-worker") : eventSource;
		if (thumbnailMaxWidth > posterMaxWidth) {
			throw new IllegalArgumentException("klepp.thumbnail.thumbnail-max-width (" + thumbnailMaxWidth
					+ ") must not exceed klepp.thumbnail.poster-max-width (" + posterMaxWidth + ")");
		}
		if (visibilityTimeout.toSeconds() < 3) {
			throw new IllegalArgumentException("klepp.thumbnail.visibility-timeout must be at least 3 s");
		}
	}

	public boolean previewsEnabled() {
		return !previewLength.isZero() && !previewLength.isNegative();
	}

}
