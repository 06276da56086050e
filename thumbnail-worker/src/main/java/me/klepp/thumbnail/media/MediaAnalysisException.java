package me.klepp.thumbnail.media;

/**
 * The source could not be analysed. The message is a human-readable reason ("zero-byte file",
 * "not a media file ...", "no video stream ...", "truncated or corrupt video ...", "timed out ...").
 *
 * <p>{@link #isRetryable()} tells transient failures (reading the source failed, the job ran out of time) from
 * permanent ones (the bytes themselves are not usable media): retrying a permanent failure gives the same answer.
 * {@link #sourceGone()} says the object was deleted or replaced while it was read.
 */
public class MediaAnalysisException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public MediaAnalysisException(String reason) {
        this(reason, false, null);
    }

    public MediaAnalysisException(String reason, Throwable cause) {
        this(reason, false, cause);
    }

    public MediaAnalysisException(String reason, boolean retryable, Throwable cause) {
        super(reason, cause);
        this.retryable = retryable;
    }

    /** True when the failure is probably transient (reading failed, timeout) and a retry may succeed. */
    public boolean isRetryable() {
        return retryable;
    }

    /** True when the object was deleted or overwritten while it was being read: nothing to report about it. */
    public boolean sourceGone() {
        return getCause() instanceof SourceGoneException;
    }
}
