package me.klepp.thumbnail;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param uploadsQueue queue of S3 upload events (through the uploads SNS topic)
 * @param mediaEventsQueue queue the versioned media events are sent to, read by the metadata ingestor
 * @param thumbnailMaxWidth widest feed thumbnail, in pixels (never upscaled)
 * @param readUrlTtl lifetime of the presigned GET URL FFmpeg reads the upload through
 * @param eventSource CloudEvents {@code source} of the events this worker publishes
 */
@ConfigurationProperties("klepp.thumbnail")
public record ThumbnailProperties(String uploadsQueue, String mediaEventsQueue, int thumbnailMaxWidth,
		Duration readUrlTtl, URI eventSource) {

	public ThumbnailProperties {
		thumbnailMaxWidth = thumbnailMaxWidth <= 0 ? 480 : thumbnailMaxWidth;
		readUrlTtl = readUrlTtl == null ? Duration.ofMinutes(30) : readUrlTtl;
		eventSource = eventSource == null ? URI.create("urn:klepp:thumbnail-worker") : eventSource;
	}

}
