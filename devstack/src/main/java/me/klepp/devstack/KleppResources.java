package me.klepp.devstack;

import java.util.List;

/**
 * Names of the AWS resources klepp uses. The devstack, the {@code localstack/} init scripts and the AWS
 * set-up in README all create exactly these; the services default to them.
 */
public final class KleppResources {

	/** Uploads land here; it sends S3 event notifications to {@link #UPLOADS_TOPIC}. */
	public static final String MEDIA_BUCKET = "klepp-media";

	/**
	 * Thumbnails, posters, previews and avatars. A separate bucket without notifications, so that what the
	 * system writes itself can never loop back into processing (ADR 0003).
	 */
	public static final String DERIVED_BUCKET = "klepp-media-derived";

	/** SNS topic fanning every upload event out to each consumer's queue, with raw message delivery. */
	public static final String UPLOADS_TOPIC = "klepp-uploads";

	public static final String INGESTOR_UPLOADS_QUEUE = "klepp-ingestor-uploads";

	public static final String THUMBNAIL_UPLOADS_QUEUE = "klepp-thumbnail-uploads";

	/**
	 * Upload events for the rendition worker (web-playable MP4s of videos that need one), subscribed to
	 * {@link #UPLOADS_TOPIC} like the others, so a long transcode never delays a thumbnail.
	 */
	public static final String RENDITION_UPLOADS_QUEUE = "klepp-rendition-uploads";

	/** Versioned klepp events (e.g. {@code me.klepp.media.processed.v1}) for the metadata ingestor. */
	public static final String MEDIA_EVENTS_QUEUE = "klepp-media-events";

	/**
	 * Versioned requests to the thumbnail worker (e.g. {@code me.klepp.media.regeneration-requested.v1}, sent by
	 * the API for moderators, and by the worker itself to page through a bulk request). Not subscribed to S3.
	 */
	public static final String THUMBNAIL_REQUESTS_QUEUE = "klepp-thumbnail-requests";

	/** Regeneration requests to the rendition worker (the same requests as the thumbnail worker's). */
	public static final String RENDITION_REQUESTS_QUEUE = "klepp-rendition-requests";

	public static final String DEAD_LETTER_SUFFIX = "-dlq";

	/** Receives before a message is moved to its dead-letter queue. */
	public static final int MAX_RECEIVE_COUNT = 5;

	public static final List<String> UPLOAD_SUBSCRIBERS = List.of(INGESTOR_UPLOADS_QUEUE, THUMBNAIL_UPLOADS_QUEUE,
			RENDITION_UPLOADS_QUEUE);

	public static final List<String> QUEUES = List.of(INGESTOR_UPLOADS_QUEUE, THUMBNAIL_UPLOADS_QUEUE,
			RENDITION_UPLOADS_QUEUE, MEDIA_EVENTS_QUEUE, THUMBNAIL_REQUESTS_QUEUE, RENDITION_REQUESTS_QUEUE);

	private KleppResources() {
	}

	public static String deadLetterQueue(String queue) {
		return queue + DEAD_LETTER_SUFFIX;
	}

}
