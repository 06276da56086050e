package me.klepp.local.browser;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import me.klepp.devstack.Devstack;
import me.klepp.devstack.KleppResources;
import me.klepp.devstack.media.FfmpegTool;
import me.klepp.devstack.media.SampleMedia;
import me.klepp.local.KleppSystem;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14's real-browser check: a page on an allowed origin calls the API as the published React frontend does,
 * and in Debian's Chromium the preflights pass, and on every card the page shows {@code encodeURI(thumbnail_uri)}
 * renders at its real width and {@code uri} plays. The cards include a clip uploaded by presigned PUT and one put
 * straight into the bucket under a ShareX-style key with a space, {@code +}, {@code %} and a non-ASCII letter, and
 * (issue 15) the shapes of clip friends' tools write, each of which plays through the rendition the rendition
 * worker made: H.264 in MKV (OBS; with B-frames and a variable frame rate; 0.5 s long), an MP4 with its index
 * last, VP9 and AV1 WebM, HEVC in MP4, a phone's rotated 10-bit HEVC MOV, HDR (PQ) HEVC in MKV, 4:4:4 with odd
 * dimensions. Twelve cards: the page asks for the frontend's page of twelve.
 */
class BrowserPlaybackTest {

	@RegisterExtension
	static final Browser browser = new Browser("return JSON.stringify(window.kleppSnapshot && kleppSnapshot(), null, 1)");

	static PageServer page;

	static Devstack stack;

	static KleppSystem system;

	final HttpClient http = HttpClient.newHttpClient();

	final JsonMapper json = JsonMapper.builder().build();

	@BeforeAll
	static void start() {
		page = PageServer.serving("/feed.html", "browser/feed.html");
		stack = Devstack.shared();
		system = KleppSystem.startForTests(stack, "--klepp.cors.allowed-origins=" + page.origin());
	}

	@AfterAll
	static void stop() {
		if (system != null) {
			system.close();
		}
		if (page != null) {
			page.close();
		}
	}

	@Test
	void aPageOnAnAllowedOriginListsTheFeedShowsEveryThumbnailAndPlaysEveryClip(@TempDir Path dir) throws Exception {
		String user = "browser-" + UUID.randomUUID().toString().substring(0, 6);
		String token = stack.accessToken(user);
		Path clip = SampleMedia.clip(dir.resolve("clip.mp4"), "mp4", "h264", 640, 360, 4.0, 25);
		String uploaded = uploadByPresignedPut(token, "Clutch round.mp4", Files.readAllBytes(clip));
		// ShareX-style, straight into the bucket: the owner (first segment) is known since the upload above.
		String sharex = user + "/2026 12/clip+1 100% é.mp4";
		stack.s3Client().putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(sharex).contentType("video/mp4"),
				clip);
		// What OBS and a browser recorder write: not playable as uploaded; the rendition worker remuxes the
		// first and transcodes the second, and only then does the default feed list them.
		String obs = user + "/OBS 2026-12-02 é.mkv";
		stack.s3Client().putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(obs)
			.contentType("video/x-matroska"), SampleMedia.clip(dir.resolve("obs.mkv"), "mkv", "h264", 640, 360, 4.0, 25));
		String webm = user + "/recording.webm";
		stack.s3Client().putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(webm).contentType("video/webm"),
				SampleMedia.clip(dir.resolve("vp9.webm"), "webm", "vp9", 640, 360, 4.0, 25, true));
		Map<String, String> corpus = corpus(user, dir);
		List<String> all = new java.util.ArrayList<>(List.of(uploaded, sharex, obs, webm));
		all.addAll(corpus.keySet());
		// the default feed lists a video that needs a rendition once it is ready
		await().atMost(Duration.ofSeconds(180))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> processedFiles(user), files -> files.containsAll(all));

		browser.open(page.url() + "#api=" + form("http://127.0.0.1:" + system.apiPort() + "/api/v2/") + "&token="
				+ form(token) + "&patch=" + form(uploaded));

		await().atMost(Duration.ofSeconds(20)).until(() -> snapshot().get("done").asBoolean());
		JsonNode state = snapshot();
		assertThat(state.get("error").isNull()).as("the page's calls failed (a refused preflight reads "
				+ "'TypeError: Failed to fetch'): %s", state.get("error")).isTrue();
		assertThat(state.get("feed").get("status").asInt()).isEqualTo(200);
		assertThat(state.get("feed").get("content_type").asString()).startsWith("application/json");
		assertThat(state.get("patch").get("status").asInt()).as("the preflighted JSON PATCH").isEqualTo(200);
		assertThat(state.get("patch").get("hidden").asBoolean()).isFalse();
		assertThat(cards(state).keySet()).as("the page's cards").containsAll(all);

		// Every card settles: its picture loads or fails, its video starts or fails.
		Map<String, JsonNode> settled = await().atMost(Duration.ofSeconds(30)).until(() -> cards(snapshot()),
				cards -> cards.values().stream().allMatch(BrowserPlaybackTest::settled));
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			Map<String, JsonNode> now = cards(snapshot());
			SoftAssertions.assertSoftly(softly -> now.forEach((path, card) -> {
				softly.assertThat(card.get("thumbnail").asString())
					.as("encodeURI(thumbnail_uri) of %s in an <img> (%s)", path, card.get("img_src"))
					.isEqualTo("loaded");
				softly.assertThat(card.get("natural_width").asInt())
					.as("naturalWidth of %s's thumbnail, against the media.thumbnail_width the API reports", path)
					.isEqualTo(card.get("thumbnail_width").asInt(0));
				softly.assertThat(card.get("thumbnail_width").asInt(0)).as("media.thumbnail_width of %s", path)
					.isPositive();
				if (!card.get("video_error").isNull()) {
					softly.fail("the <video> of %s failed with %s; its uri: %s", path, card.get("video_error").asString(),
							card.get("uri").asString());
					return;
				}
				softly.assertThat(card.get("ready_state").asInt()).as("readyState of %s's <video>", path).isEqualTo(4);
				softly.assertThat(card.get("current_time").asDouble())
					.as("currentTime of %s's <video> advances", path)
					.isGreaterThan(settled.get(path).get("current_time").asDouble());
			}));
		});
	}

	/** More uploads, straight into the bucket, each a shape of clip browsers cannot play as it is: key to type. */
	private Map<String, String> corpus(String user, Path dir) {
		Map<String, String> types = new java.util.LinkedHashMap<>();
		put(types, user + "/index last.mp4", "video/mp4", FfmpegTool.pattern(dir.resolve("il.mp4"), "320x180", 30, 2,
				true, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest"));
		put(types, user + "/stutter.mkv", "video/x-matroska", FfmpegTool.pattern(dir.resolve("vfr.mkv"), "320x180",
				60, 2, false, "-vf", "select='not(mod(n,4))+between(n,30,50)'", "-fps_mode", "vfr", "-c:v", "libx264",
				"-pix_fmt", "yuv420p"));
		put(types, user + "/short.mkv", "video/x-matroska", FfmpegTool.pattern(dir.resolve("short.mkv"), "320x180",
				30, 0.5, false, "-c:v", "libx264", "-pix_fmt", "yuv420p"));
		put(types, user + "/shadowplay hevc.mp4", "video/mp4", FfmpegTool.pattern(dir.resolve("hevc.mp4"), "320x180",
				60, 2, true, "-c:v", "libx265", "-x265-params", "log-level=error", "-pix_fmt", "yuv420p", "-tag:v",
				"hvc1", "-c:a", "aac", "-shortest", "-movflags", "+faststart"));
		Path upright = FfmpegTool.pattern(dir.resolve("upright.mov"), "320x240", 30, 2, true, "-c:v", "libx265",
				"-x265-params", "log-level=error", "-pix_fmt", "yuv420p10le", "-tag:v", "hvc1", "-c:a", "aac", "-shortest");
		Path phone = dir.resolve("phone.mov");
		FfmpegTool.run(List.of("-display_rotation", "90", "-i", upright.toString(), "-c", "copy", phone.toString()));
		put(types, user + "/IMG_0042.MOV", "video/quicktime", phone);
		put(types, user + "/hdr.mkv", "video/x-matroska", FfmpegTool.pattern(dir.resolve("hdr.mkv"), "320x180", 25, 2,
				false, "-c:v", "libx265", "-x265-params",
				"log-level=error:colorprim=bt2020:transfer=smpte2084:colormatrix=bt2020nc", "-pix_fmt", "yuv420p10le",
				"-color_primaries", "bt2020", "-color_trc", "smpte2084", "-colorspace", "bt2020nc"));
		put(types, user + "/av1.webm", "video/webm", FfmpegTool.pattern(dir.resolve("av1.webm"), "320x180", 30, 2,
				false, "-c:v", "libsvtav1", "-preset", "12", "-pix_fmt", "yuv420p"));
		put(types, user + "/odd 444.mkv", "video/x-matroska", FfmpegTool.pattern(dir.resolve("444.mkv"), "321x181", 25,
				2, false, "-c:v", "libx264", "-pix_fmt", "yuv444p"));
		return types;
	}

	private void put(Map<String, String> types, String key, String type, Path file) {
		stack.s3Client().putObject(p -> p.bucket(KleppResources.MEDIA_BUCKET).key(key).contentType(type), file);
		types.put(key, type);
	}

	private static boolean settled(JsonNode card) {
		return !card.get("thumbnail").asString().equals("loading")
				&& (card.get("ready_state").asInt() == 4 || !card.get("video_error").isNull());
	}

	private String uploadByPresignedPut(String token, String filename, byte[] bytes) throws Exception {
		var announced = http.send(HttpRequest.newBuilder(api("/api/v2/uploads"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(
					Map.of("filename", filename, "content_type", "video/mp4", "size", bytes.length))))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(announced.statusCode()).as(announced.body()).isEqualTo(201);
		JsonNode ticket = json.readTree(announced.body());
		var put = HttpRequest.newBuilder(URI.create(ticket.get("upload_url").asString()))
			.PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
		ticket.get("headers").properties().forEach(h -> {
			if (!h.getKey().equalsIgnoreCase("content-length")) {
				put.header(h.getKey(), h.getValue().asString());
			}
		});
		var stored = http.send(put.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
		return ticket.get("path").asString();
	}

	/** The paths of the user's files in the feed that have their thumbnail. */
	private Set<String> processedFiles(String user) throws Exception {
		var response = http.send(HttpRequest.newBuilder(api("/api/v2/files?username=" + form(user))).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		Set<String> files = new HashSet<>();
		for (JsonNode item : json.readTree(response.body()).get("response")) {
			if (!item.get("thumbnail_uri").isNull()) {
				files.add(item.get("path").asString());
			}
		}
		return files;
	}

	private JsonNode snapshot() {
		return json.readTree((String) browser.script("return JSON.stringify(kleppSnapshot())"));
	}

	private static Map<String, JsonNode> cards(JsonNode state) {
		Map<String, JsonNode> cards = new HashMap<>();
		state.get("cards").forEach(card -> cards.put(card.get("path").asString(), card));
		return cards;
	}

	private URI api(String path) {
		return URI.create("http://127.0.0.1:" + system.apiPort() + path);
	}

	private static String form(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
