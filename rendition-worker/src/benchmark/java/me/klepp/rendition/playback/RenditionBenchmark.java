package me.klepp.rendition.playback;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import me.klepp.devstack.Devstack;
import me.klepp.devstack.KleppResources;
import me.klepp.devstack.media.FfmpegTool;
import me.klepp.events.EventCodec;
import me.klepp.events.RenditionReadyV1;
import me.klepp.rendition.RenditionWorkerApplication;
import me.klepp.rendition.storage.MediaObjects;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The rendition worker's benchmark (README, "Renditions"); every figure is a ratio against a baseline measured in
 * the same run on the same machine. Not part of {@code ./mvnw verify}.
 *
 * <ol>
 * <li>Transcodes of a 30 s 1080p60 HEVC clip and a 10 s 4K HEVC clip: the worker's {@link Renditions} (probe,
 * transcode in its {@code ffmpeg} process, check) against the {@code ffmpeg} executable of the same build run by hand
 * with the same arguments, and the speed as a multiple of real time.</li>
 * <li>Remux of a 1 GiB H.264 MKV by the worker as deployed (S3 event in, download, remux, multipart upload, event
 * out) against a plain copy of the same object through the same S3 code (download, multipart upload).</li>
 * <li>Bytes a browser must fetch before the first frame of each playable file, against 2% of it plus 1 MiB.</li>
 * </ol>
 */
class RenditionBenchmark {

	private static final int RUNS = Integer.getInteger("benchmark.runs", 3);

	private static final long MIB = 1 << 20;

	private final RenditionProperties properties = RenditionProperties.defaults();

	private final Renditions renditions = new Renditions(properties);

	private final Transcoder transcoder = new Transcoder(properties);

	private final List<String> summary = new ArrayList<>();

	/** Playable files for part 3, by name. */
	private final Map<String, Path> playable = new LinkedHashMap<>();

	@Test
	void run() throws Exception {
		Path target = Path.of("target").toAbsolutePath();
		Path work = Files.createDirectories(target.resolve("benchmark-work"));
		System.out.printf("%nklepp rendition benchmark: %d cores, Java %s, encoder %s preset %s crf %d%n",
				Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
				properties.videoEncoder(), properties.preset(), properties.crf());
		BenchmarkClips clips = new BenchmarkClips(target.resolve("benchmark-clips"));
		// -Dbenchmark.parts=transcode,remux,first-frame (the default: all three)
		List<String> parts = List.of(System.getProperty("benchmark.parts", "transcode,remux,first-frame").split(","));

		if (parts.contains("transcode")) {
			transcodes(clips, work);
		}
		if (parts.contains("remux")) {
			Path gib = clips.h264MkvGiB();
			System.out.printf(Locale.ROOT, "%n2. Remux of a %.2f GiB H.264 + AAC MKV through S3 (devstack: S3Proxy on "
					+ "this machine's disk), median of %d, alternating%n", Files.size(gib) / (double) (1 << 30), RUNS);
			remux(gib, target);
		}
		if (parts.contains("first-frame")) {
			System.out.println("\n3. Bytes before the first frame of the playable file (index + first video packet)");
			corpus(work);
			firstFrames();
		}

		System.out.println("\nSummary");
		summary.forEach(line -> System.out.println("  " + line));
		System.out.println();
	}

	private void transcodes(BenchmarkClips clips, Path work) throws Exception {
		System.out.println("\n1. Transcode, local file, worker (Renditions.make: probe, transcode, check) vs the ffmpeg "
				+ "executable of the same build, same filters and settings; median of " + RUNS + ", alternating");
		transcode("1080p60 HEVC 30 s", clips.hevc1080p60(), work);
		transcode("2160p30 HEVC 10 s", clips.hevc2160p30(), work);
	}

	// ---- 1. transcode -------------------------------------------------------------------------------------------

	private void transcode(String name, Path clip, Path work) throws Exception {
		SourceProbe probe = Probes.probe(clip);
		// the worker's own ffmpeg arguments, run by hand (without the worker's time limit and progress)
		List<String> cli = transcoder.arguments(clip, probe, work.resolve("cli.mp4"));
		List<Long> ours = new ArrayList<>();
		List<Long> theirs = new ArrayList<>();
		Rendition rendition = null;
		for (int i = 0; i < RUNS; i++) {
			long began = System.nanoTime();
			rendition = renditions.make(clip, work.resolve(clip.getFileName() + ".playable.mp4"));
			ours.add(System.nanoTime() - began);
			began = System.nanoTime();
			FfmpegTool.run(cli);
			theirs.add(System.nanoTime() - began);
		}
		double oursS = median(ours) / 1e9;
		double theirsS = median(theirs) / 1e9;
		double seconds = probe.durationUs() / 1e6;
		System.out.printf(Locale.ROOT, "  %-18s worker %6.1f s (%.2fx real time), ffmpeg %6.1f s (%.2fx real time): "
				+ "worker/ffmpeg = %.3fx; %s → %dx%d, %.1f MB vs ffmpeg's %.1f MB%n", name, oursS, seconds / oursS, theirsS,
				seconds / theirsS, oursS / theirsS, probe.describe(), rendition.width(), rendition.height(),
				rendition.sizeBytes() / 1e6, Files.size(work.resolve("cli.mp4")) / 1e6);
		System.out.println("  " + " ".repeat(18) + " runs: worker " + seconds(ours) + ", ffmpeg " + seconds(theirs));
		System.out.println("  " + " ".repeat(18) + " ffmpeg " + String.join(" ", cli));
		summary.add(String.format(Locale.ROOT, "transcode %s: worker %.1f s vs ffmpeg %.1f s = %.3fx (target <= 1.05x);"
				+ " %.2fx real time on %d cores", name, oursS, theirsS, oursS / theirsS, seconds / oursS,
				Runtime.getRuntime().availableProcessors()));
		playable.put("transcode of " + name, rendition.file());
	}

	// ---- 2. remux through S3 ------------------------------------------------------------------------------------

	private void remux(Path clip, Path target) throws Exception {
		Path stackDir = target.resolve("benchmark-stack");
		deleteRecursively(stackDir);
		try (Devstack stack = Devstack.start(new Devstack.Options(stackDir, 0, 0, 0, 0, null));
				ConfigurableApplicationContext worker = startWorker(stack, target)) {
			MediaObjects objects = worker.getBean(MediaObjects.class);
			long partSize = worker.getEnvironment().getProperty("klepp.rendition.part-size",
					org.springframework.util.unit.DataSize.class).toBytes();
			List<Long> ours = new ArrayList<>();
			List<Long> copies = new ArrayList<>();
			for (int i = 0; i < RUNS; i++) {
				String key = "bench/remux-" + i + ".mkv";
				stack.s3Client().putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(key)
					.contentType("video/x-matroska"), clip);
				long began = System.nanoTime();
				RenditionReadyV1 ready = awaitRendition(stack, key);
				ours.add(System.nanoTime() - began);
				if (!RenditionReadyV1.REMUX.equals(ready.decision())) {
					throw new IllegalStateException("expected a remux of " + key + ", got " + ready);
				}
				began = System.nanoTime();
				Path copy = target.resolve("benchmark-copy.mkv");
				objects.download(objects.head(key).orElseThrow(), copy);
				objects.putRendition("bench/copy-" + i + ".mkv", copy, partSize);
				copies.add(System.nanoTime() - began);
				Files.delete(copy);
			}
			// where the worker's time goes: the remux alone, local file to local file, as the job runs it
			List<Long> local = new ArrayList<>();
			for (int i = 0; i < RUNS; i++) {
				long began = System.nanoTime();
				renditions.make(clip, target.resolve("benchmark-remux.mp4"));
				local.add(System.nanoTime() - began);
			}
			Files.deleteIfExists(target.resolve("benchmark-remux.mp4"));
			System.out.println("  the remux alone (probe, remux with the index written first, check; local disk): " + seconds(local));
			double size = Files.size(clip) / (double) MIB;
			double oursS = median(ours) / 1e9;
			double copyS = median(copies) / 1e9;
			System.out.printf(Locale.ROOT, "  worker (event → rendition-ready) %.1f s = %.0f MiB/s; plain copy "
					+ "(download + multipart upload) %.1f s = %.0f MiB/s: worker/copy throughput = %.2f%n", oursS,
					size / oursS, copyS, size / copyS, copyS / oursS);
			System.out.println("  runs: worker " + seconds(ours) + ", copy " + seconds(copies));
			summary.add(String.format(Locale.ROOT, "remux of %.0f MiB MKV through S3: %.0f MiB/s vs plain copy %.0f MiB/s "
					+ "= %.0f%% (target >= 80%%)", size, size / oursS, size / copyS, 100 * copyS / oursS));
		}
	}

	private static ConfigurableApplicationContext startWorker(Devstack stack, Path target) {
		Map<String, Object> properties = new HashMap<>(stack.springProperties());
		properties.put("klepp.rendition.poll-timeout", "1s");
		properties.put("klepp.rendition.work-dir", target.resolve("benchmark-jobs").toString());
		properties.put("spring.main.banner-mode", "off");
		properties.put("logging.level.me.klepp", "warn");
		return RenditionWorkerApplication.application().properties(properties).run();
	}

	private static RenditionReadyV1 awaitRendition(Devstack stack, String key) {
		EventCodec codec = new EventCodec();
		String url = stack.queueUrl(KleppResources.MEDIA_EVENTS_QUEUE);
		long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
		while (System.nanoTime() < deadline) {
			for (var message : stack.sqsClient()
				.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
				.messages()) {
				stack.sqsClient().deleteMessage(d -> d.queueUrl(url).receiptHandle(message.receiptHandle()));
				if (codec.decode(message.body()).data() instanceof RenditionReadyV1 ready && ready.key().equals(key)) {
					return ready;
				}
				System.out.println("  unexpected: " + message.body());
			}
		}
		throw new IllegalStateException("no rendition of " + key + " in 20 minutes");
	}

	// ---- 3. first frame -----------------------------------------------------------------------------------------

	/** The test corpus's kinds of upload, each made playable. */
	private void corpus(Path work) throws Exception {
		Path dir = Files.createDirectories(work.resolve("corpus"));
		Map<String, Path> sources = new LinkedHashMap<>();
		sources.put("h264 mp4 faststart + aac", Clips.cli(dir, "fa.mp4", "1280x720", 30, true, "-c:v", "libx264",
				"-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", "-movflags", "+faststart"));
		sources.put("h264 mp4 index last + aac", Clips.generated(dir, "il.mp4", "mp4", "h264", 1280, 720, 2, 30, true));
		sources.put("h264 mkv", Clips.generated(dir, "a.mkv", "mkv", "h264", 1280, 720, 2, 30, false));
		sources.put("h264 mov + aac", Clips.generated(dir, "a.mov", "mov", "h264", 1280, 720, 2, 30, true));
		sources.put("h264 mkv + opus", Clips.generated(dir, "o.mkv", "mkv", "h264", 1280, 720, 2, 30, true));
		sources.put("vp9 webm + opus", Clips.generated(dir, "v.webm", "webm", "vp9", 640, 360, 2, 30, true));
		sources.put("hevc 10-bit mkv", Clips.cli(dir, "h10.mkv", "1280x720", 60, false, "-c:v", "libx265",
				"-x265-params", "log-level=error", "-pix_fmt", "yuv420p10le"));
		for (String committed : List.of("hevc-320x180.mp4", "hevc10-320x180-aac.mov", "hevc-pq-320x180.mkv",
				"av1-320x180.webm", "h264-rotated-320x240.mov", "h264-444-odd-321x181.mkv")) {
			sources.put(committed, Clips.committed(committed));
		}
		for (Map.Entry<String, Path> source : sources.entrySet()) {
			Rendition rendition = renditions.make(source.getValue(), dir.resolve(source.getValue().getFileName()
					+ ".playable.mp4"));
			playable.put(source.getKey() + " (" + rendition.decision().way().name().toLowerCase(Locale.ROOT) + ")",
					rendition.file() == null ? source.getValue() : rendition.file());
		}
	}

	private void firstFrames() throws Exception {
		double worst = 0;
		String worstName = null;
		for (Map.Entry<String, Path> file : playable.entrySet()) {
			long size = Files.size(file.getValue());
			long needed = FirstFrame.bytesBefore(file.getValue(), Probes.probe(file.getValue()));
			double allowed = 0.02 * size + MIB;
			System.out.printf(Locale.ROOT, "  %-40s %10d bytes, %8d before the first frame (%5.2f%%) = %.3f of the "
					+ "allowance%n", file.getKey(), size, needed, 100.0 * needed / size, needed / allowed);
			if (needed / allowed > worst) {
				worst = needed / allowed;
				worstName = file.getKey();
			}
		}
		summary.add(String.format(Locale.ROOT, "bytes before the first frame: at most %.3f of the allowance (2%% + 1 "
				+ "MiB; target <= 1) over %d playable files, the most for %s", worst, playable.size(), worstName));
	}

	// ---- helpers ------------------------------------------------------------------------------------------------

	private static String seconds(List<Long> nanos) {
		return nanos.stream().map(n -> String.format(Locale.ROOT, "%.1f s", n / 1e9)).toList().toString();
	}

	private static double median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		int n = sorted.size();
		return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
	}

	private static void deleteRecursively(Path dir) throws Exception {
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
