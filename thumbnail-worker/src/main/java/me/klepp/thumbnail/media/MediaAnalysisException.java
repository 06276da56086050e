package me.klepp.thumbnail.media;

/**
 * The source could not be analysed. The message is a human-readable reason ("zero-byte file",
 * "not a media file ...", "no video stream ...", "truncated or corrupt video ...", "HTTP 404 ...").
 *
 * <p>{@link #isRetryable()} tells transient failures (network errors, timeouts, HTTP 5xx, an expired presigned URL)
 * from permanent ones (the bytes themselves are not usable media): retrying a permanent failure gives the same
 * answer.
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

    /** True when the failure is probably transient (network, timeout, server error) and a retry may succeed. */
    public boolean isRetryable() {
        return retryable;
    }
}
