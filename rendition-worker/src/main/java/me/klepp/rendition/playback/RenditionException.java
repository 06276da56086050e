package me.klepp.rendition.playback;

/** A rendition cannot be made of this upload; the message says why, for people. */
public class RenditionException extends Exception {

	private final boolean retryable;

	public RenditionException(String reason) {
		this(reason, false, null);
	}

	public RenditionException(String reason, Throwable cause) {
		this(reason, false, cause);
	}

	/** @param retryable the upload is not at fault (a time limit, the disk): trying again may succeed */
	public RenditionException(String reason, boolean retryable, Throwable cause) {
		super(reason, cause);
		this.retryable = retryable;
	}

	public boolean isRetryable() {
		return retryable;
	}

	static RenditionException timedOut(java.time.Duration limit) {
		return new RenditionException("ran past its time limit of " + limit.toSeconds() + " s", true, null);
	}

}
