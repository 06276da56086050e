package me.klepp.thumbnail.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import me.klepp.devstack.media.SampleMedia;

/**
 * The benchmark's clips, generated on the first run into {@code target/benchmark-clips} and reused after that. A
 * busy synthetic picture ({@code testsrc2}) with noise, so that frames are about as costly to encode and decode as
 * game footage at the same bit rate. Keyframes every 2 s, as OBS and most game recorders write them.
 */
final class Clips {

    private final Path dir;
    private final FfmpegCli cli;

    Clips(Path dir, FfmpegCli cli) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.cli = cli;
    }

    /** 1920x1080, 60 fps, 30 s, H.264 with the index first (faststart), no audio. */
    Path h264() throws IOException {
        Path clip = dir.resolve("h264-1080p60-30s-faststart.mp4");
        if (Files.exists(clip)) {
            return clip;
        }
        if (cli != null && cli.canEncode("libx264")) {
            cli.run("-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=60:duration=30", "-vf", "noise=alls=12:allf=t",
                    "-c:v", "libx264", "-preset", "veryfast", "-b:v", "8M", "-maxrate", "8M", "-bufsize", "16M",
                    "-g", "120", "-pix_fmt", "yuv420p", "-movflags", "+faststart", clip.toString());
        } else {
            // the bundled FFmpeg's OpenH264 encoder; its MP4s have the index at the end
            System.out.println("  (no ffmpeg CLI with libx264: the 1080p60 clip is encoded with OpenH264, index last)");
            SampleMedia.clip(clip, "mp4", "h264", 1920, 1080, 30, 60);
        }
        return clip;
    }

    /** The same clip with the index at the end, as recorders write it before any remux. */
    Path h264IndexLast() throws IOException {
        Path clip = dir.resolve("h264-1080p60-30s-index-last.mp4");
        if (!Files.exists(clip) && cli != null) {
            cli.run("-i", h264().toString(), "-c", "copy", clip.toString());
        }
        return Files.exists(clip) ? clip : null;
    }

    /** 3840x2160, 30 fps, 10 s, HEVC (libx265), or null without an ffmpeg CLI that has libx265. */
    Path hevc4k() throws IOException {
        Path clip = dir.resolve("hevc-2160p30-10s.mp4");
        if (Files.exists(clip)) {
            return clip;
        }
        if (cli == null || !cli.canEncode("libx265")) {
            return null;
        }
        cli.run("-f", "lavfi", "-i", "testsrc2=size=3840x2160:rate=30:duration=10", "-vf", "noise=alls=12:allf=t",
                "-c:v", "libx265", "-preset", "ultrafast", "-b:v", "20M", "-x265-params",
                "log-level=error:keyint=60", "-pix_fmt", "yuv420p", "-tag:v", "hvc1", "-movflags", "+faststart",
                clip.toString());
        return clip;
    }
}
