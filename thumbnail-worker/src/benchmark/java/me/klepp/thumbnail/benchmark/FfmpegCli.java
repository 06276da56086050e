package me.klepp.thumbnail.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** The {@code ffmpeg} command line tool, if installed: the baseline, and the encoder of the benchmark's clips. */
final class FfmpegCli {

    private final String version;
    private final String encoders;

    private FfmpegCli(String version, String encoders) {
        this.version = version;
        this.encoders = encoders;
    }

    /** Null when there is no {@code ffmpeg} on the PATH. */
    static FfmpegCli find() {
        try {
            String version = run(List.of("ffmpeg", "-hide_banner", "-version")).lines().findFirst().orElse("ffmpeg");
            String encoders = run(List.of("ffmpeg", "-hide_banner", "-encoders"));
            return new FfmpegCli(version, encoders);
        } catch (IOException e) {
            return null;
        }
    }

    String version() {
        return version;
    }

    boolean canEncode(String encoder) {
        return encoders.contains(" " + encoder + " ");
    }

    /** Runs ffmpeg with these arguments (after {@code -hide_banner -loglevel error -y}). */
    void run(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y"));
        command.addAll(List.of(arguments));
        run(command);
    }

    /**
     * The baseline: what a worker shelling out to ffmpeg would run for the same two pictures. One process, one
     * input-seek to {@code seconds} (ffmpeg then decodes from the keyframe before it to the exact time), one frame
     * scaled twice.
     */
    void posterAndThumbnail(Path clip, double seconds, Path poster, Path thumbnail) throws IOException {
        run("-ss", String.format(Locale.ROOT, "%.3f", seconds), "-i", clip.toString(), "-filter_complex",
                "[0:v]split=2[a][b];[a]scale=1280:-2[p];[b]scale=480:-2[t]", "-map", "[p]", "-frames:v", "1",
                poster.toString(), "-map", "[t]", "-frames:v", "1", thumbnail.toString());
    }

    private static String run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return output;
    }
}
