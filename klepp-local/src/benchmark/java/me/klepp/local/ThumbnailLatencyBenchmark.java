package me.klepp.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import me.klepp.devstack.Devstack;
import me.klepp.devstack.media.FfmpegTool;
import me.klepp.thumbnail.media.Deadline;
import me.klepp.thumbnail.media.Limits;
import me.klepp.thumbnail.media.MediaAnalyzer;
import me.klepp.thumbnail.media.MediaSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Upload to thumbnail on the local run (README, "Renditions", benchmark): a 10 MB 1080p60 H.264 MP4 announced and
 * PUT as the frontend does, then the feed read until the clip is listed with its {@code thumbnail_uri}; 20 uploads
 * one after another (each waits for the previous one's preview, so none competes with another's work), median and
 * p90, against the poster step alone: the thumbnail worker's analysis of the same file from local disk.
 */
class ThumbnailLatencyBenchmark {

	private static final int WARM_UP = 2;

	private static final int UPLOADS = Integer.getInteger("benchmark.uploads", 20);

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void run(@TempDir Path dir) throws Exception {
		Path clip = clip(dir.resolve("clip-1080p60.mp4"));
		byte[] bytes = Files.readAllBytes(clip);
		System.out.printf(Locale.ROOT, "%nklepp upload → thumbnail benchmark: %d cores; %.1f MB 1080p60 H.264 MP4 "
				+ "(index first)%n", Runtime.getRuntime().availableProcessors(), bytes.length / 1e6);

		MediaAnalyzer analyzer = new MediaAnalyzer(1280, 480, Limits.DEFAULT);
		List<Long> posterStep = new ArrayList<>();
		for (int i = 0; i < WARM_UP + UPLOADS; i++) {
			long began = System.nanoTime();
			try (MediaSource source = MediaSource.file(clip)) {
				analyzer.analyze(source, Deadline.none());
			}
			if (i >= WARM_UP) {
				posterStep.add(System.nanoTime() - began);
			}
		}

		List<Long> latencies = new ArrayList<>();
		List<Long> puts = new ArrayList<>();
		List<Long> recorded = new ArrayList<>();
		try (Devstack stack = Devstack.start(new Devstack.Options(dir.resolve("stack"), 0, 0, 0, 0, null));
				KleppSystem system = KleppSystem.startWithDefaults(stack, Map.of("server.port", "0",
						"logging.level.me.klepp", "warn"))) {
			String token = stack.accessToken("bench");
			for (int i = 0; i < WARM_UP + UPLOADS; i++) {
				JsonNode ticket = announce(system, token, bytes.length);
				String path = ticket.get("path").asString();
				long began = System.nanoTime();
				java.time.Instant putStarted = java.time.Instant.now();
				put(ticket, bytes);
				long putDone = System.nanoTime();
				while (listedWithThumbnail(system, token, path) == null) {
					Thread.sleep(10); // the resolution of the measurement; polling flat out would take a core
				}
				long visible = System.nanoTime();
				if (i >= WARM_UP) {
					latencies.add(visible - began);
					puts.add(putDone - began);
					recorded.add(java.time.Duration.between(putStarted, processedAt(stack, path)).toNanos());
				}
				// the preview and the rendition decision follow; the next upload waits for them
				long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
				JsonNode item;
				while ((item = listedWithThumbnail(system, token, path)) == null || item.get("preview_uri").isNull()
						|| "transcoding".equals(item.get("playback").get("state").asString())) {
					if (System.nanoTime() > deadline) {
						throw new IllegalStateException("no preview for " + path + ": " + item);
					}
					Thread.sleep(50); // waiting for work to end before the next measurement, not synchronising one
				}
			}
		}
		double posterMs = percentile(posterStep, 50) / 1e6;
		double medianMs = percentile(latencies, 50) / 1e6;
		double p90Ms = percentile(latencies, 90) / 1e6;
		System.out.printf(Locale.ROOT, "  poster step alone (MediaAnalyzer, local file): median %.0f ms%n", posterMs);
		System.out.printf(Locale.ROOT, "  PUT (10 MB to S3Proxy): median %.0f ms%n", percentile(puts, 50) / 1e6);
		System.out.printf(Locale.ROOT, "  PUT start → the ingestor recorded the thumbnail (processed_at): median %.0f ms%n",
				percentile(recorded, 50) / 1e6);
		System.out.printf(Locale.ROOT, "  PUT start → thumbnail_uri in the feed: median %.0f ms, p90 %.0f ms over %d "
				+ "uploads = %.2fx / %.2fx the poster step (target: median <= 500 ms)%n", medianMs, p90Ms, UPLOADS,
				medianMs / posterMs, p90Ms / posterMs);
		System.out.println("  all: " + latencies.stream().map(n -> Math.round(n / 1e6)).toList() + " ms");
	}

	/** 10 s, 1920x1080 at 60 fps, about 8 Mbit/s: about 10 MB, the index first, as ShadowPlay writes. */
	private static Path clip(Path target) {
		return FfmpegTool.pattern(target, "1920x1080", 60, 10, false, "-vf", "noise=alls=8:allf=t", "-c:v", "libx264",
				"-preset", "veryfast", "-b:v", "8M", "-maxrate", "8M", "-bufsize", "16M", "-g", "120", "-pix_fmt",
				"yuv420p", "-movflags", "+faststart");
	}

	/** When the ingestor wrote the worker's result (the database's clock: the same machine's). */
	private static java.time.Instant processedAt(Devstack stack, String path) throws Exception {
		try (var connection = java.sql.DriverManager.getConnection(stack.jdbcUrl(), "postgres", "");
				var query = connection.prepareStatement("select processed_at from media_file where object_key = ?")) {
			query.setString(1, path);
			var row = query.executeQuery();
			row.next();
			return row.getTimestamp(1).toInstant();
		}
	}

	private static JsonNode announce(KleppSystem system, String token, long size) throws Exception {
		var response = http.send(HttpRequest.newBuilder(api(system, "/api/v2/uploads"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(
					Map.of("filename", "clip.mp4", "content_type", "video/mp4", "size", size))))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 201) {
			throw new IllegalStateException(response.statusCode() + " " + response.body());
		}
		return json.readTree(response.body());
	}

	private static void put(JsonNode ticket, byte[] bytes) throws Exception {
		var put = HttpRequest.newBuilder(URI.create(ticket.get("upload_url").asString()))
			.PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
		ticket.get("headers").properties().forEach(h -> {
			if (!h.getKey().equalsIgnoreCase("content-length")) {
				put.header(h.getKey(), h.getValue().asString());
			}
		});
		int status = http.send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
		if (status != 200) {
			throw new IllegalStateException("PUT: " + status);
		}
	}

	/** The clip in the owner's first feed page (as the frontend asks for it), once it has a thumbnail; else null. */
	private static JsonNode listedWithThumbnail(KleppSystem system, String token, String path) throws Exception {
		var response = http.send(HttpRequest.newBuilder(api(system, "/api/v2/files?limit=12&media=all"))
			.header("Authorization", "Bearer " + token)
			.build(), HttpResponse.BodyHandlers.ofString());
		for (JsonNode item : json.readTree(response.body()).get("response")) {
			if (item.get("path").asString().equals(path) && !item.get("thumbnail_uri").isNull()) {
				return item;
			}
		}
		return null;
	}

	private static URI api(KleppSystem system, String path) {
		return URI.create("http://127.0.0.1:" + system.apiPort() + path);
	}

	private static double percentile(List<Long> values, int percent) {
		List<Long> sorted = values.stream().sorted().toList();
		int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, index));
	}

}
