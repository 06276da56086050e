package me.klepp.local.faults;

import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import me.klepp.api.KleppApiApplication;
import me.klepp.devstack.Devstack;
import me.klepp.devstack.media.DecompressionBombs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Profile pictures that are tiny files but huge images, sent by many users at once, against the API in a JVM of its
 * own with the heap of a small dyno: it answers every one (scaled, or 429 when too many are being handled), never
 * runs out of memory, and keeps serving the feed meanwhile.
 */
class AvatarFloodTest {

	private static final int UPLOADS = 20;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@Test
	void anApiWith256MbOfHeapSurvives20ConcurrentPictureBombsAndKeepsServingTheFeed() throws Exception {
		Devstack stack = Devstack.shared();
		int port = freePort();
		var properties = new HashMap<>(stack.springProperties());
		properties.put("server.port", Integer.toString(port));
		byte[] bomb = DecompressionBombs.flatPng(6300, 6300);
		String boundary = "klepp-" + UUID.randomUUID();
		byte[] body = multipart(boundary, bomb);
		String feed = "http://127.0.0.1:" + port + "/api/v2/files?limit=5";

		try (ServiceProcess api = ServiceProcess.start(KleppApiApplication.class, properties)) {
			// Warm: the first requests of a fresh JVM (JIT, connection pools, the issuer's keys) are not the flood.
			assertThat(status(feed)).isEqualTo(200);
			assertThat(http.send(upload(port, stack.accessToken("warm-" + UUID.randomUUID().toString().substring(0, 6)),
					boundary, multipart(boundary, DecompressionBombs.flatPng(40, 40))), HttpResponse.BodyHandlers.ofString())
				.statusCode()).isEqualTo(201);
			ExecutorService senders = Executors.newFixedThreadPool(UPLOADS);
			try {
				var ready = new CountDownLatch(UPLOADS);
				List<CompletableFuture<HttpResponse<String>>> uploads = new ArrayList<>();
				for (int i = 0; i < UPLOADS; i++) {
					String token = stack.accessToken("bomber" + i + "-" + UUID.randomUUID().toString().substring(0, 6));
					var request = upload(port, token, boundary, body);
					uploads.add(CompletableFuture.supplyAsync(() -> {
						ready.countDown();
						try {
							ready.await();
							return http.send(request, HttpResponse.BodyHandlers.ofString());
						}
						catch (Exception e) {
							throw new IllegalStateException(e);
						}
					}, senders));
				}

				List<Integer> feedDuring = new ArrayList<>();
				var all = CompletableFuture.allOf(uploads.toArray(CompletableFuture[]::new));
				while (!all.isDone()) {
					feedDuring.add(status(feed));
				}
				all.get(3, TimeUnit.MINUTES);

				List<Integer> statuses = uploads.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();
				assertThat(statuses).as("every picture is scaled or refused as too many at once").allMatch(
						status -> status == 201 || status == 429);
				assertThat(statuses).as("some pictures were scaled").contains(201);
				assertThat(uploads.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 429))
					.allSatisfy(refused -> {
						assertThat(refused.headers().firstValue("Retry-After")).isPresent();
						assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
					});
				assertThat(feedDuring).as("the feed answered during the flood").isNotEmpty().containsOnly(200);
				assertThat(status(feed)).as("the feed answers after the flood").isEqualTo(200);
				assertThat(api.log()).doesNotContain("OutOfMemoryError");
			}
			finally {
				senders.shutdownNow();
			}
		}
	}

	private static HttpRequest upload(int port, String token, String boundary, byte[] body) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v2/user"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.timeout(Duration.ofMinutes(2))
			.PUT(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
	}

	/** Generous timeouts: the test machine may be busy; what matters is an answer, and that it is a 200. */
	private int status(String url) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
				HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private static byte[] multipart(String boundary, byte[] picture) {
		var out = new ByteArrayOutputStream();
		out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"me.png\"\r\n"
				+ "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
		out.writeBytes(picture);
		out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
		return out.toByteArray();
	}

	private static int freePort() throws Exception {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
