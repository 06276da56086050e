package me.klepp.thumbnail.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import me.klepp.thumbnail.corpus.Corpus;
import org.junit.jupiter.api.Test;

/**
 * Frames, grabbers, recorders and scalers are native memory the garbage collector does not see: a job that forgot
 * one would grow the worker by megabytes per job until the dyno is killed. 500 jobs over good and bad files (every
 * path that opens FFmpeg) must leave the process as large as after the first few.
 */
class NativeMemoryTest {

    private static final Path STATUS = Path.of("/proc/self/status");

    private final MediaAnalyzer analyzer = new MediaAnalyzer(1280, 480, Limits.DEFAULT);
    private final PreviewMaker previews = new PreviewMaker(Duration.ofSeconds(1), 480, 30, Limits.DEFAULT);

    @Test
    void memoryStaysFlatOver500Jobs() throws Exception {
        assumeTrue(Files.isReadable(STATUS), "needs Linux /proc to read the resident size");
        List<Path> files = List.of(Corpus.tiny(), Corpus.image("png"), Corpus.animatedGif(), Corpus.truncated(),
                Corpus.corrupt(), Corpus.truncatedFaststart(), Corpus.hevc());
        for (int i = 0; i < 50; i++) { // warm up: code loaded, allocator pools and JIT settled
            job(files.get(i % files.size()));
        }
        long before = residentKb();

        for (int i = 0; i < 500; i++) {
            job(files.get(i % files.size()));
        }

        long growthKb = residentKb() - before;
        System.out.printf("resident size grew by %d kB over 500 jobs%n", growthKb);
        // one leaked 160x90 frame per job would be 28 MB; a leaked grabber (codec, buffers) far more
        assertThat(growthKb).isLessThan(24 * 1024);
    }

    private void job(Path file) throws IOException {
        try (MediaSource source = MediaSource.file(file)) {
            MediaAnalysis analysis = analyzer.analyze(source, Deadline.none());
            previews.make(source, analysis, Deadline.none());
        } catch (MediaAnalysisException expected) {
            // the bad files: their failure paths must release everything too
        }
    }

    /** With the heap fixed and pre-touched (see the pom), growth of the resident size is native memory. */
    private static long residentKb() throws IOException {
        for (String line : Files.readAllLines(STATUS)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in " + STATUS);
    }
}
