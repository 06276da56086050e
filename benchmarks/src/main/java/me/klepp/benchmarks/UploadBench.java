package me.klepp.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import me.klepp.devstack.Devstack;
import me.klepp.devstack.KleppResources;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The two upload paths: presigning ({@code POST /api/v2/uploads}) under load against the SDK's presigner alone, and
 * one big file streamed through {@code POST /api/v2/files} (API heap capped at 256 MiB) against a direct PUT of
 * the same bytes to the same S3.
 */
final class UploadBench {

	private static final Pattern PATH = Pattern.compile("\"path\":\"([^\"]+)\"");

	private final Report report;

	private final Scale scale;

	private final Devstack stack;

	private final ServiceJvm api;

	private final int apiPort;

	private final Path workDir;

	UploadBench(Report report, Scale scale, Devstack stack, ServiceJvm api, int apiPort, Path workDir) {
		this.report = report;
		this.scale = scale;
		this.stack = stack;
		this.api = api;
		this.apiPort = apiPort;
		this.workDir = workDir;
	}

	void presign() throws Exception {
		Report.progress("upload: presign");
		String token = stack.accessToken("friend02");
		String url = "http://127.0.0.1:" + apiPort + "/api/v2/uploads";
		String lua = """
				wrk.method = "POST"
				wrk.body = '{"filename":"clip.mp4","content_type":"video/mp4","size":52428800}'
				wrk.headers["Content-Type"] = "application/json"
				""";
		List<String> headers = List.of("Authorization: Bearer " + token);
		Duration round = Duration.ofSeconds(scale.quick() ? 5 : 10);
		List<Double> warmUp = Wrk.warmUp(api, url, scale.connections(), round,
				scale.quick() ? 4 : 30, headers, lua, workDir);
		java.time.Instant from = java.time.Instant.now();
		CpuShares start = CpuShares.now(java.util.Map.of("API JVM", api.pid()));
		Wrk.Result load = Wrk.run(url, scale.connections(), scale.loadDuration(), headers, lua, workDir);
		String cpu = CpuShares.now(java.util.Map.of("API JVM", api.pid())).since(start);
		Profile profile = api.profile(from, java.time.Instant.now(), workDir);
		double alone = presignerAlone();

		report.heading("## Upload: presign, `POST /api/v2/uploads`");
		report.line(("One user, %d connections, %d s after warming up until the API's JIT compiled fewer than 100 methods "
				+ "in a %d-s round (%s requests/s); the per-user upload rate limit raised for the run. Each request validates "
				+ "the token, makes sure of the user, inserts the pending row and signs a PUT bound to key, Content-Type "
				+ "and size. Baseline: the SDK's `S3Presigner` alone, same request, in-process on 2 threads.")
			.formatted(scale.connections(), scale.loadDuration().toSeconds(), round.toSeconds(), Wrk.rates(warmUp)));
		report.line("");
		report.line("| | presigns/s | p50 / p99 | |");
		report.line("|---|---|---|---|");
		report.line("| `S3Presigner` alone | %,.0f | | baseline |".formatted(alone));
		report.line("| **API** | **%,.0f** | %s | %s of the presigner alone%s |".formatted(load.requestsPerSecond(),
				load.latencies(), Report.ratio(load.requestsPerSecond(), alone),
				load.failures() > 0 ? "; **%d failed**".formatted(load.failures()) : ""));
		report.line("");
		report.line("CPU during the API run: " + cpu + ".");
		report.line("");
		report.line("API CPU profile (JFR):");
		report.block(profile.breakdown(8) + "\n" + profile.hottestMethods(8));
		report.verdict("presign ≥ 2,000/s", load.requestsPerSecond() >= 2000 && load.failures() == 0,
				"%,.0f/s (%s of the presigner alone)".formatted(load.requestsPerSecond(),
						Report.ratio(load.requestsPerSecond(), alone)));
	}

	private double presignerAlone() throws Exception {
		try (S3Presigner presigner = S3Presigner.builder()
			.credentialsProvider(StaticCredentialsProvider.create(stack.credentials()))
			.region(Region.of(Devstack.REGION))
			.serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
			.endpointOverride(stack.s3Endpoint())
			.build()) {
			Runnable one = () -> presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(15))
				.putObjectRequest(put -> put.bucket(KleppResources.MEDIA_BUCKET)
					.key("friend02/" + UUID.randomUUID() + ".mp4")
					.contentType("video/mp4")
					.contentLength(52428800L)
					.ifNoneMatch("*"))); // the same request the API signs
			timed(presigner, one, Duration.ofSeconds(3));
			return timed(presigner, one, Duration.ofSeconds(scale.quick() ? 3 : 10));
		}
	}

	private static double timed(S3Presigner presigner, Runnable one, Duration duration) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			long end = System.nanoTime() + duration.toNanos();
			List<Future<Long>> counts = new ArrayList<>();
			for (int t = 0; t < 2; t++) {
				counts.add(threads.submit(() -> {
					long n = 0;
					while (System.nanoTime() < end) {
						one.run();
						n++;
					}
					return n;
				}));
			}
			long total = 0;
			for (Future<Long> count : counts) {
				total += count.get();
			}
			return total / (duration.toNanos() / 1e9);
		}
		finally {
			threads.shutdown();
		}
	}

	void streamed() throws Exception {
		long size = scale.uploadBytes();
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		try (S3Client s3 = stack.s3Client(); S3Presigner presigner = S3Presigner.builder()
			.credentialsProvider(StaticCredentialsProvider.create(stack.credentials()))
			.region(Region.of(Devstack.REGION))
			.serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
			.endpointOverride(stack.s3Endpoint())
			.build()) {
			Report.progress("upload: direct PUT of %,d MiB".formatted(size >> 20));
			String directKey = "friend03/direct-" + UUID.randomUUID() + ".mp4";
			URI presigned = URI.create(presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(30))
				.putObjectRequest(put -> put.bucket(KleppResources.MEDIA_BUCKET).key(directKey).contentType("video/mp4")))
				.url()
				.toString());
			CpuShares directStart = CpuShares.now(java.util.Map.of());
			long began = System.nanoTime();
			HttpResponse<String> put = http.send(HttpRequest.newBuilder(presigned)
				.header("Content-Type", "video/mp4")
				.PUT(body(new GeneratedMedia(size), size))
				.build(), HttpResponse.BodyHandlers.ofString());
			double direct = mibPerSecond(size, began);
			String directCpu = CpuShares.now(java.util.Map.of()).since(directStart);
			if (put.statusCode() != 200) {
				throw new IllegalStateException("direct PUT answered " + put.statusCode() + ": " + put.body());
			}
			check(s3, directKey, size);
			s3.deleteObject(d -> d.bucket(KleppResources.MEDIA_BUCKET).key(directKey));

			Report.progress("upload: direct multipart upload of %,d MiB".formatted(size >> 20));
			String multipartKey = "friend03/multipart-" + UUID.randomUUID() + ".mp4";
			began = System.nanoTime();
			long completeNanos = multipartUpload(s3, multipartKey, size);
			double multipart = mibPerSecond(size, began);
			check(s3, multipartKey, size);
			s3.deleteObject(d -> d.bucket(KleppResources.MEDIA_BUCKET).key(multipartKey));

			List<Double> throughApi = new ArrayList<>();
			Profile profile = null;
			String uploadCpu = null;
			for (int run = 1; run <= scale.uploads(); run++) {
				Report.progress("upload: %,d MiB through POST /api/v2/files (%d of %d)".formatted(size >> 20, run,
						scale.uploads()));
				String boundary = "klepp-bench-" + UUID.randomUUID();
				byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.mp4\"\r\n"
						+ "Content-Type: video/mp4\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
				byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
				InputStream multipartBody = new SequenceInputStream(new SequenceInputStream(new ByteArrayInputStream(head),
						new GeneratedMedia(size)), new ByteArrayInputStream(tail));
				CpuShares start = CpuShares.now(java.util.Map.of("API JVM", api.pid()));
				java.time.Instant from = java.time.Instant.now();
				began = System.nanoTime();
				HttpResponse<String> post = http.send(HttpRequest
					.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/api/v2/files"))
					.header("Authorization", "Bearer " + stack.accessToken("friend03"))
					.header("Content-Type", "multipart/form-data; boundary=" + boundary)
					.POST(body(multipartBody, head.length + size + tail.length))
					.timeout(Duration.ofMinutes(30))
					.build(), HttpResponse.BodyHandlers.ofString());
				double mibs = mibPerSecond(size, began);
				if (run == 1) {
					uploadCpu = CpuShares.now(java.util.Map.of("API JVM", api.pid())).since(start);
					profile = api.profile(from, java.time.Instant.now(), workDir);
				}
				Matcher path = PATH.matcher(post.body());
				if (post.statusCode() != 201 || !path.find()) {
					throw new IllegalStateException("POST /api/v2/files (run %d) answered %d: %s".formatted(run,
							post.statusCode(), post.body()));
				}
				check(s3, path.group(1), size);
				s3.deleteObject(d -> d.bucket(KleppResources.MEDIA_BUCKET).key(path.group(1)));
				throughApi.add(mibs);
			}
			double median = throughApi.stream().sorted().toList().get(throughApi.size() / 2);

			report.heading("## Upload: streamed, `POST /api/v2/files`");
			report.line(("One %,d MiB file generated on the fly (never on disk on the client side), multipart, to the API "
					+ "running with `-Xmx256m`, which streams it to S3 in 8 MiB parts; %d run(s), every object's size "
					+ "checked in S3, then deleted. Baselines, same bytes, same S3 (S3Proxy, filesystem-backed): a direct "
					+ "PUT through a presigned URL, as a browser does; and a direct multipart upload with the SDK, 8 MiB "
					+ "parts one after another, which is what the API has to do with a stream of unknown length.")
				.formatted(size >> 20, scale.uploads()));
			report.line("");
			report.line("| | MiB/s | |");
			report.line("|---|---|---|");
			report.line("| direct PUT to S3 | %,.0f | baseline |".formatted(direct));
			report.line(("| direct multipart upload to S3 (SDK) | %,.0f | %s of direct PUT; S3Proxy took %.1f s of its "
					+ "%.1f s to complete the upload |").formatted(multipart, Report.ratio(multipart, direct),
							completeNanos / 1e9, size / 1048576.0 / multipart));
			report.line("| **through the API** | **%,.0f** | %s of direct PUT, %s of direct multipart%s |".formatted(median,
					Report.ratio(median, direct), Report.ratio(median, multipart), throughApi.size() > 1
							? "; median of " + throughApi.stream().map(v -> "%.0f".formatted(v)).toList() : ""));
			report.line("");
			report.line("API peak RSS over the whole run so far: %,d MiB (heap capped at 256 MiB); every upload succeeded."
				.formatted(api.peakRssMib()));
			report.line("");
			report.line("CPU during the direct PUT: " + directCpu + ". During the first upload through the API: "
					+ uploadCpu + ".");
			report.line("");
			report.line("API CPU profile (JFR, during the first upload):");
			report.block(profile.breakdown(8) + "\n" + profile.hottestMethods(10));
			report.verdict("streamed %,d MiB upload at -Xmx256m ≥ 70%% of direct PUT".formatted(size >> 20),
					median >= 0.7 * direct, "%,.0f vs %,.0f MiB/s (%.0f%%; direct multipart %.0f%%)".formatted(median,
							direct, 100 * median / direct, 100 * multipart / direct));
		}
	}

	/** The SDK's multipart upload, parts one after another. @return nanoseconds spent completing it */
	private static long multipartUpload(S3Client s3, String key, long size) throws java.io.IOException {
		int partSize = 8 * 1024 * 1024;
		String id = s3.createMultipartUpload(c -> c.bucket(KleppResources.MEDIA_BUCKET).key(key).contentType("video/mp4"))
			.uploadId();
		List<CompletedPart> parts = new ArrayList<>();
		byte[] part = new byte[partSize];
		try (InputStream in = new GeneratedMedia(size)) {
			int number = 0;
			int n;
			while ((n = in.readNBytes(part, 0, partSize)) > 0) {
				int length = n;
				int partNumber = ++number;
				String etag = s3.uploadPart(u -> u.bucket(KleppResources.MEDIA_BUCKET).key(key).uploadId(id)
					.partNumber(partNumber), RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, length), length))
					.eTag();
				parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
			}
		}
		long began = System.nanoTime();
		s3.completeMultipartUpload(c -> c.bucket(KleppResources.MEDIA_BUCKET).key(key).uploadId(id)
			.multipartUpload(m -> m.parts(parts)));
		return System.nanoTime() - began;
	}

	private static HttpRequest.BodyPublisher body(InputStream stream, long length) {
		return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> stream), length);
	}

	private static void check(S3Client s3, String key, long size) {
		long stored = s3.headObject(h -> h.bucket(KleppResources.MEDIA_BUCKET).key(key)).contentLength();
		if (stored != size) {
			throw new IllegalStateException(key + " has " + stored + " bytes in S3, not " + size);
		}
	}

	private static double mibPerSecond(long bytes, long beganNanos) {
		return bytes / 1048576.0 / ((System.nanoTime() - beganNanos) / 1e9);
	}

}
