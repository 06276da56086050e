package me.klepp.rendition.jobs;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How the rendition worker takes its jobs (what it makes: {@code RenditionProperties}, same prefix).
 *
 * @param uploadsQueue      S3 upload events, the worker's own queue
 * @param requestsQueue     regeneration requests ({@code me.klepp.media.regeneration-requested.v1}) from the API,
 *                          the ingestor's reconcile and the worker itself (the next page of a bulk request)
 * @param mediaEventsQueue  where results go (the metadata ingestor's queue)
 * @param eventSource       CloudEvents {@code source} of its events
 * @param concurrency       jobs at once per process (a transcode takes about a core)
 * @param maxSourceSize     uploads larger than this get no rendition (failed, with a reason)
 * @param workDir           where sources and renditions are kept while a job runs (a locked directory a job;
 *                          those of a killed worker are removed at start); empty: the system's temp
 * @param partSize          multipart upload part size of renditions
 * @param maxAttempts       deliveries before a job that keeps failing transiently is reported failed
 * @param retryBackoff      delay before a failed message returns, doubling with each delivery
 * @param retryBackoffMax   the longest such delay
 * @param visibilityTimeout how long a running job's message stays invisible between renewals
 */
@ConfigurationProperties("klepp.rendition")
record WorkerProperties(String uploadsQueue, String requestsQueue, String mediaEventsQueue, URI eventSource, int concurrency,
		DataSize maxSourceSize, Path workDir, DataSize partSize, int maxAttempts, Duration retryBackoff,
		Duration retryBackoffMax, Duration visibilityTimeout) {
}
