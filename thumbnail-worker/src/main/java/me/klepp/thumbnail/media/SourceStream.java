package me.klepp.thumbnail.media;

import java.io.IOException;
import java.io.InputStream;

/**
 * A {@link MediaSource} as the seekable {@link InputStream} JavaCV turns into FFmpeg's I/O callbacks. JavaCV seeks
 * by {@code reset()} (to the mark it sets at position 0) followed by {@code skip(n)} calls, and learns the size by
 * skipping to the end; here both only move a position, so seeking costs nothing and reads fetch exactly the bytes
 * FFmpeg asks for.
 *
 * <p>A failed read (storage error, job deadline) is remembered and reported to FFmpeg as the end of the file, so
 * the failure reaches the caller as what it was rather than as a "truncated file" guessed from the missing bytes.
 */
final class SourceStream extends InputStream {

    private final MediaSource source;
    private final Deadline deadline;
    private long position;
    private IOException failure;

    SourceStream(MediaSource source, Deadline deadline) {
        this.source = source;
        this.deadline = deadline;
    }

    /** The first read that failed, or null. */
    IOException failure() {
        return failure;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (failure != null || position >= source.size()) {
            return -1;
        }
        if (deadline.passed()) {
            failure = new DeadlinePassedException();
            return -1;
        }
        try {
            int n = source.read(position, buffer, offset, length);
            if (n > 0) {
                position += n;
            }
            return n;
        } catch (IOException e) {
            failure = e;
            return -1;
        }
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) == 1 ? one[0] & 0xff : -1;
    }

    @Override
    public long skip(long n) {
        if (n <= 0) {
            return 0;
        }
        long step = Math.min(n, source.size() - position);
        position += step;
        return Math.max(0, step);
    }

    @Override
    public boolean markSupported() {
        return true;
    }

    @Override
    public synchronized void mark(int readLimit) {
        // JavaCV marks once, at position 0, and resets there before every absolute seek
    }

    @Override
    public synchronized void reset() {
        position = 0;
    }

    @Override
    public void close() {
        // the source belongs to the caller
    }

    /** JavaCV hands this to FFmpeg as the input's name: no extension, so the format is found from the content. */
    @Override
    public String toString() {
        return "upload";
    }

    /** The job ran out of time while FFmpeg was reading. */
    static final class DeadlinePassedException extends IOException {

        private static final long serialVersionUID = 1L;

        DeadlinePassedException() {
            super("job deadline passed");
        }
    }
}
