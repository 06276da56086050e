package me.klepp.thumbnail.media;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The bytes of one upload, read at any position, so FFmpeg fetches only the parts it needs (the index, a few
 * keyframes, a few seconds for the preview) instead of the whole file. The worker reads S3 objects with ranged
 * GETs; tests and the benchmark read local files.
 */
public interface MediaSource extends Closeable {

    /** Size in bytes. */
    long size();

    /**
     * Reads up to {@code length} bytes at {@code position}.
     *
     * @return the number of bytes read (at least 1 when {@code length > 0} and {@code position < size()}), or -1 at
     *         the end
     * @throws IOException when the bytes cannot be read now (network, storage); a later attempt may succeed
     */
    int read(long position, byte[] buffer, int offset, int length) throws IOException;

    /** For logs and failure reasons: never a credential or a signed URL. */
    String name();

    /** Bytes returned by {@link #read} so far. */
    long bytesRead();

    @Override
    default void close() throws IOException {
    }

    /** A local file. */
    static MediaSource file(Path path) throws MediaAnalysisException {
        return FileSource.open(path);
    }
}
