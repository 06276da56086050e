package me.klepp.thumbnail.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import me.klepp.devstack.Devstack;
import me.klepp.devstack.KleppResources;
import me.klepp.events.EventCodec;
import me.klepp.events.KleppEvent;
import me.klepp.events.MediaProcessedV1;
import me.klepp.events.PreviewReadyV1;
import me.klepp.thumbnail.ThumbnailWorkerApplication;
import me.klepp.thumbnail.media.Deadline;
import me.klepp.thumbnail.media.Limits;
import me.klepp.thumbnail.media.MediaAnalysis;
import me.klepp.thumbnail.media.MediaAnalyzer;
import me.klepp.thumbnail.media.MediaSource;
import me.klepp.thumbnail.media.PreviewMaker;
import me.klepp.thumbnail.storage.MediaStore;
import me.klepp.thumbnail.storage.S3ObjectSource;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The thumbnail worker's benchmark: every figure is a ratio against a baseline measured in the same run, on the
 * same machine. Run it with the command in README ("Thumbnails"); it is not part of {@code ./mvnw verify}.
 *
 * <ol>
 * <li>Poster + thumbnail of a 1080p60 30 s H.264 clip and a 4K HEVC clip: the worker's analysis (which also reads
 * the metadata and compares three keyframes) against the ffmpeg CLI making the same two pictures of one frame.</li>
 * <li>Jobs per minute of the worker as deployed (S3 events in, poster, thumbnail and preview out to S3, an event
 * out), with the default concurrency, on this machine's cores.</li>
 * <li>Bytes the worker reads from S3 (the devstack's S3Proxy) for those pictures of a faststart MP4, against the
 * file's size.</li>
 * </ol>
 */
class ThumbnailBenchmark {

	private static final int WARM_UP = 2;

	private static final int RUNS = 9;

	private final MediaAnalyzer analyzer = new MediaAnalyzer(1280, 480, Limits.DEFAULT);

	private final PreviewMaker previews = new PreviewMaker(Duration.ofSeconds(3), 480, 30, Limits.DEFAULT);

	private final List<String> summary = new ArrayList<>();

	@Test
	void run() throws Exception {
		Path target = Path.of("target");
		FfmpegCli cli = FfmpegCli.find();
		System.out.printf("%nklepp thumbnail benchmark: %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.version"));
		System.out.println(cli == null
				? "ffmpeg CLI: not installed; its baseline is skipped (install it, e.g. apt-get install ffmpeg)"
				: "ffmpeg CLI baseline: " + cli.version());
		Clips clips = new Clips(target.resolve("benchmark-clips"), cli);
		Path h264 = clips.h264();
		Path h264IndexLast = clips.h264IndexLast();
		Path hevc = clips.hevc4k();
		if (hevc == null) {
			System.out.println("4K HEVC clip: skipped, it needs the ffmpeg CLI with libx265 (the bundled FFmpeg "
					+ "decodes HEVC but has no HEVC encoder)");
		}

		System.out.println("\n1. Poster (<= 1280 px) + thumbnail (<= 480 px), local file, median of " + RUNS + " runs");
		pictures("1080p60 H.264 30 s", h264, cli, target);
		if (hevc != null) {
			pictures("2160p30 HEVC 10 s", hevc, cli, target);
		}

		Path stackDir = target.resolve("benchmark-stack");
		deleteRecursively(stackDir);
		try (Devstack stack = Devstack.start(new Devstack.Options(stackDir, 0, 0, 0, 0, null))) {
			System.out.printf("%n2. Jobs per minute, the worker as deployed (S3 event in; poster, thumbnail, 3 s preview,"
					+ " S3 PUTs, event out), concurrency 2, %d cores%n", Runtime.getRuntime().availableProcessors());
			jobsPerMinute(stack, "1080p60 H.264 30 s", h264, 12);
			if (hevc != null) {
				jobsPerMinute(stack, "2160p30 HEVC 10 s", hevc, 6);
			}

			System.out.println("\n3. Bytes read from S3 (ranged GETs through the devstack's S3Proxy)");
			Map<String, Path> clipsByName = new TreeMap<>();
			clipsByName.put("1080p60 H.264 30 s, index first", h264);
			if (h264IndexLast != null) {
				clipsByName.put("1080p60 H.264 30 s, index last", h264IndexLast);
			}
			if (hevc != null) {
				clipsByName.put("2160p30 HEVC 10 s, index first", hevc);
			}
			// in the derived bucket, which announces nothing: these are read here, not processed by the worker
			for (Path clip : clipsByName.values()) {
				upload(stack, KleppResources.DERIVED_BUCKET, "bench/read/" + clip.getFileName(), clip);
			}
			try (ConfigurableApplicationContext worker = startWorker(stack)) {
				MediaStore store = worker.getBean(MediaStore.class);
				for (Map.Entry<String, Path> clip : clipsByName.entrySet()) {
					bytesRead(store, clip.getKey(), "bench/read/" + clip.getValue().getFileName());
				}
			}
		}
		System.out.println("\nSummary");
		summary.forEach(line -> System.out.println("  " + line));
		System.out.println();
	}

	// ---- 1. time per poster + thumbnail -------------------------------------------------------------------------

	private void pictures(String name, Path clip, FfmpegCli cli, Path target) throws Exception {
		MediaAnalysis analysis = null;
		List<Long> ours = new ArrayList<>();
		for (int i = 0; i < WARM_UP + RUNS; i++) {
			long began = System.nanoTime();
			try (MediaSource source = MediaSource.file(clip)) {
				analysis = analyzer.analyze(source, Deadline.none());
			}
			if (i >= WARM_UP) {
				ours.add(System.nanoTime() - began);
			}
		}
		double oursMs = median(ours) / 1e6;
		System.out.printf(Locale.ROOT, "  %-20s %7.1f MB  klepp %7.1f ms  (poster %dx%d at %.2f s, %s)%n", name,
				Files.size(clip) / 1e6, oursMs, analysis.poster().width(), analysis.poster().height(),
				analysis.frameTimestampUs() / 1e6, analysis.videoCodec());
		if (cli == null) {
			summary.add(String.format(Locale.ROOT, "%s poster+thumbnail: %.0f ms (no ffmpeg CLI: no ratio)", name,
					oursMs));
			return;
		}
		Path poster = target.resolve("benchmark-poster.jpg");
		Path thumbnail = target.resolve("benchmark-thumbnail.jpg");
		double atOurs = analysis.frameTimestampUs() / 1e6;
		double middle = analysis.durationMs() / 2000.0;
		double cliOursMs = median(timeCli(cli, clip, atOurs, poster, thumbnail)) / 1e6;
		double cliMiddleMs = median(timeCli(cli, clip, middle, poster, thumbnail)) / 1e6;
		System.out.printf(Locale.ROOT,
				"  %-20s             ffmpeg  %7.1f ms at the same keyframe (its best case): klepp/ffmpeg = %.2fx%n",
				"", cliOursMs, oursMs / cliOursMs);
		System.out.printf(Locale.ROOT,
				"  %-20s             ffmpeg  %7.1f ms at the middle (%.1f s):              klepp/ffmpeg = %.2fx%n", "",
				cliMiddleMs, middle, oursMs / cliMiddleMs);
		summary.add(String.format(Locale.ROOT,
				"%s poster+thumbnail: klepp %.0f ms vs ffmpeg CLI %.0f ms (same keyframe) = %.2fx, %.0f ms (middle) = "
						+ "%.2fx; target <= 1.5x",
				name, oursMs, cliOursMs, oursMs / cliOursMs, cliMiddleMs, oursMs / cliMiddleMs));
	}

	private static List<Long> timeCli(FfmpegCli cli, Path clip, double seconds, Path poster, Path thumbnail)
			throws IOException {
		List<Long> times = new ArrayList<>();
		for (int i = 0; i < WARM_UP + RUNS; i++) {
			long began = System.nanoTime();
			cli.posterAndThumbnail(clip, seconds, poster, thumbnail);
			if (i >= WARM_UP) {
				times.add(System.nanoTime() - began);
			}
		}
		return times;
	}

	// ---- 2. bytes read ------------------------------------------------------------------------------------------

	private void bytesRead(MediaStore store, String name, String key) throws Exception {
		MediaStore.StoredObject object = store.head(KleppResources.DERIVED_BUCKET, key).orElseThrow();
		try (S3ObjectSource source = store.open(object)) {
			long began = System.nanoTime();
			MediaAnalysis analysis = analyzer.analyze(source, Deadline.none());
			long pictureMs = (System.nanoTime() - began) / 1_000_000;
			long read = source.bytesRead();
			long requested = source.bytesRequested();
			int requests = source.requests();
			began = System.nanoTime();
			previews.make(source, analysis, Deadline.none());
			long previewMs = (System.nanoTime() - began) / 1_000_000;
			double size = object.size();
			System.out.printf(Locale.ROOT,
					"  %-32s %6.1f MB: poster+thumbnail read %5.2f MB = %4.1f%% (ranges asked %4.1f%%, %d GETs, %d ms); "
							+ "+ preview %5.2f MB more (%d ms)%n",
					name, size / 1e6, read / 1e6, 100 * read / size, 100 * requested / size, requests, pictureMs,
					(source.bytesRead() - read) / 1e6, previewMs);
			if (name.contains("H.264") && name.contains("index first")) {
				summary.add(String.format(Locale.ROOT,
						"bytes from S3 for poster+thumbnail of the faststart 1080p60 MP4: %.1f%% of the file (%.1f%% "
								+ "asked for in ranges); target < 5%%. The 3 s preview reads %.1f%% more.",
						100 * read / size, 100 * requested / size, 100 * (source.bytesRead() - read) / size));
			}
		}
	}

	// ---- 3. jobs per minute -------------------------------------------------------------------------------------

	private static ConfigurableApplicationContext startWorker(Devstack stack) {
		Map<String, Object> properties = new HashMap<>(stack.springProperties());
		properties.put("klepp.thumbnail.poll-timeout", "1s");
		properties.put("spring.main.banner-mode", "off");
		properties.put("logging.level.me.klepp", "warn");
		return ThumbnailWorkerApplication.application().properties(properties).run();
	}

	/** Uploads {@code jobs} copies with no worker running, then starts one and times it through them. */
	private void jobsPerMinute(Devstack stack, String name, Path clip, int jobs) {
		String prefix = "bench/jobs/" + clip.getFileName() + "/";
		for (int i = 0; i < jobs; i++) {
			upload(stack, KleppResources.MEDIA_BUCKET, prefix + i + ".mp4", clip);
		}
		try (ConfigurableApplicationContext worker = startWorker(stack)) {
			long ready = System.nanoTime();
			Map<String, Long> done = awaitProcessed(stack, prefix, jobs);
			long last = done.values().stream().mapToLong(Long::longValue).max().orElse(ready);
			double seconds = (last - ready) / 1e9;
			double perMinute = done.size() * 60 / seconds;
			System.out.printf(Locale.ROOT, "  %-20s %d jobs in %.1f s: %.1f jobs/min (%.1f s per job and core)%n", name,
					done.size(), seconds, perMinute, seconds * 2 / done.size());
			summary.add(String.format(Locale.ROOT, "jobs per minute on %d cores, %s: %.1f",
					Runtime.getRuntime().availableProcessors(), name, perMinute));
		}
	}

	/**
	 * Reads the ingestor's queue until {@code count} jobs under {@code prefix} are done, which for these clips is
	 * when their preview is reported (after their processed event): key to time.
	 */
	private static Map<String, Long> awaitProcessed(Devstack stack, String prefix, int count) {
		EventCodec codec = new EventCodec();
		String url = stack.queueUrl(KleppResources.MEDIA_EVENTS_QUEUE);
		Map<String, Long> arrived = new HashMap<>();
		long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
		while (arrived.size() < count && System.nanoTime() < deadline) {
			for (var message : stack.sqsClient()
				.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
				.messages()) {
				KleppEvent event = codec.decode(message.body()).data();
				if (event instanceof PreviewReadyV1 preview && preview.key().startsWith(prefix)) {
					arrived.put(preview.key(), System.nanoTime());
				}
				else if (!(event instanceof MediaProcessedV1 processed && processed.key().startsWith(prefix))) {
					System.out.println("  unexpected: " + message.body());
				}
				stack.sqsClient().deleteMessage(d -> d.queueUrl(url).receiptHandle(message.receiptHandle()));
			}
		}
		return arrived;
	}

	// ---- helpers ------------------------------------------------------------------------------------------------

	private static void upload(Devstack stack, String bucket, String key, Path file) {
		stack.s3Client().putObject(p -> p.bucket(bucket).key(key).contentType("video/mp4"), file);
	}

	private static double median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		int n = sorted.size();
		return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
	}

	private static void deleteRecursively(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(p);
			}
		}
	}

}
