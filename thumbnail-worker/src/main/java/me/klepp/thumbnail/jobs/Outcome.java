package me.klepp.thumbnail.jobs;

/** How a job ended (for logs and tests); a job that must be retried throws instead. */
enum Outcome {

	/**
	 * Poster and thumbnail written, processed event sent; for a clip then the preview and its event, unless none
	 * could be made.
	 */
	PROCESSED,
	/** The file is not usable: failed event sent with the reason. */
	FAILED,
	/**
	 * Nothing to do: the object is gone or was overwritten, is not in the media bucket, or can never be a klepp
	 * file.
	 */
	SKIPPED

}
