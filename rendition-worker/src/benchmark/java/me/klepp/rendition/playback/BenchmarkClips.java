package me.klepp.rendition.playback;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import me.klepp.devstack.media.FfmpegTool;

/**
 * The benchmark's clips, made on the first run with the {@code ffmpeg} executable of the bundled FFmpeg build into
 * {@code target/benchmark-clips} and reused after that: a busy test pattern with noise, so that frames cost about
 * what game footage costs at the same bit rate; keyframes every 2 s, as game recorders write them; AAC audio.
 */
final class BenchmarkClips {

	private final Path dir;

	BenchmarkClips(Path dir) throws IOException {
		this.dir = Files.createDirectories(dir);
	}

	/** 1920x1080, 60 fps, 30 s, HEVC 8-bit + AAC in MP4, as ShadowPlay records with HEVC. */
	Path hevc1080p60() {
		return made("hevc-1080p60-30s.mp4", "1920x1080", 60, 30, "12M");
	}

	/** 3840x2160, 30 fps, 10 s, HEVC + AAC in MP4, as a phone records 4K. */
	Path hevc2160p30() {
		return made("hevc-2160p30-10s.mp4", "3840x2160", 30, 10, "40M");
	}

	/**
	 * At least 1 GiB of H.264 + AAC in Matroska, as OBS records: a 10 s segment at 100 Mbit/s, repeated without
	 * re-encoding until the file is large enough.
	 */
	Path h264MkvGiB() throws IOException {
		Path clip = dir.resolve("h264-1080p60-1GiB.mkv");
		if (Files.exists(clip)) {
			return clip;
		}
		Path segment = dir.resolve("h264-1080p60-10s.mkv");
		if (!Files.exists(segment)) {
			FfmpegTool.run(List.of("-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=60:duration=10", "-f", "lavfi",
					"-i", "sine=frequency=440:duration=10", "-vf", "noise=alls=30:allf=t", "-c:v", "libx264", "-preset",
					"ultrafast", "-b:v", "100M", "-maxrate", "100M", "-bufsize", "200M", "-g", "120", "-pix_fmt",
					"yuv420p", "-c:a", "aac", "-b:a", "160k", "-shortest", segment.toString()));
		}
		long loops = (1L << 30) / Files.size(segment) + 1;
		FfmpegTool.run(List.of("-stream_loop", Long.toString(loops - 1), "-i", segment.toString(), "-c", "copy",
				clip.toString()));
		return clip;
	}

	private Path made(String name, String size, int fps, int seconds, String bitrate) {
		Path clip = dir.resolve(name);
		return Files.exists(clip) ? clip : FfmpegTool.pattern(clip, size, fps, seconds, true, "-vf",
				"noise=alls=8:allf=t", "-c:v", "libx265", "-preset", "ultrafast", "-b:v", bitrate, "-x265-params",
				"log-level=error:keyint=" + 2 * fps, "-pix_fmt", "yuv420p", "-tag:v", "hvc1", "-c:a", "aac", "-b:a",
				"160k", "-shortest", "-movflags", "+faststart");
	}

}
