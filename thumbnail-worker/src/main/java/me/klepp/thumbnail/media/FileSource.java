package me.klepp.thumbnail.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A local file as a {@link MediaSource} (tests, the benchmark). */
final class FileSource implements MediaSource {

    private final Path path;
    private final FileChannel channel;
    private final long size;
    private long bytesRead;

    private FileSource(Path path, FileChannel channel, long size) {
        this.path = path;
        this.channel = channel;
        this.size = size;
    }

    static FileSource open(Path file) throws MediaAnalysisException {
        Path path;
        try {
            path = file.toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new MediaAnalysisException("invalid file path: " + e.getMessage(), e);
        }
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw new MediaAnalysisException("not a regular file: " + path);
        }
        try {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
            return new FileSource(path, channel, channel.size());
        } catch (NoSuchFileException e) {
            throw new MediaAnalysisException("file not found: " + path, e);
        } catch (AccessDeniedException e) {
            throw new MediaAnalysisException("file not readable: " + path, e);
        } catch (IOException e) {
            throw new MediaAnalysisException("file not readable: " + e.getMessage(), e);
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int read(long position, byte[] buffer, int offset, int length) throws IOException {
        if (position >= size) {
            return -1;
        }
        int n = channel.read(ByteBuffer.wrap(buffer, offset, length), position);
        if (n > 0) {
            bytesRead += n;
        }
        return n;
    }

    @Override
    public String name() {
        return path.toString();
    }

    @Override
    public long bytesRead() {
        return bytesRead;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
