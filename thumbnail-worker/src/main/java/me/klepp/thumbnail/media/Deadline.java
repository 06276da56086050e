package me.klepp.thumbnail.media;

import java.time.Duration;

/**
 * When a job has to stop. FFmpeg's calls cannot be interrupted, so the analysis checks between frames and every
 * read from the source checks too: a job overruns by at most one frame decode.
 */
public final class Deadline {

    private final long endNanos;
    private final Duration budget;

    private Deadline(Duration budget) {
        this.budget = budget;
        this.endNanos = System.nanoTime() + budget.toNanos();
    }

    public static Deadline after(Duration budget) {
        return new Deadline(budget);
    }

    /** For tests and tools: a day. */
    public static Deadline none() {
        return new Deadline(Duration.ofDays(1));
    }

    public boolean passed() {
        return System.nanoTime() - endNanos > 0;
    }

    /** @throws MediaAnalysisException (retryable: a less busy attempt may make it) once the deadline has passed */
    void check(String doing) throws MediaAnalysisException {
        if (passed()) {
            throw timedOut(doing);
        }
    }

    MediaAnalysisException timedOut(String doing) {
        return new MediaAnalysisException("timed out after " + budget.toSeconds() + " s while " + doing, true, null);
    }
}
