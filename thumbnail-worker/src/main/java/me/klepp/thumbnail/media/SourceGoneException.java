package me.klepp.thumbnail.media;

import java.io.IOException;

/**
 * Thrown by a {@link MediaSource} whose object was deleted or replaced by a newer upload while it was read. Not
 * a failure of the file: the job is skipped (a deletion needs no thumbnail; a newer upload has its own event).
 */
public class SourceGoneException extends IOException {

    private static final long serialVersionUID = 1L;

    public SourceGoneException(String message, Throwable cause) {
        super(message, cause);
    }

    MediaAnalysisException asAnalysisFailure() {
        return new MediaAnalysisException(getMessage(), false, this);
    }
}
