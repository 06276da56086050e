package me.klepp.thumbnail.jobs;

/**
 * The job could not be done now for a reason that may pass (reading S3 failed, the job ran out of time): the
 * message is left unacknowledged, to come back after a back-off.
 */
class RetryLaterException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	RetryLaterException(String message, Throwable cause) {
		super(message, cause);
	}

}
