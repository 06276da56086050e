package me.klepp.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import me.klepp.devstack.Devstack;
import me.klepp.devstack.userpool.LocalUserPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The published frontend's sign-in on the local run: Amplify's own Auth library (aws-amplify from npm, run by
 * Node.js; see src/test/amplify) signs up, confirms with the code the local pool logged, signs in with SRP,
 * refreshes and signs out against the user pool, and the API accepts its access tokens as the signed-up
 * user's; the API started with the local run's defaults lets the frontend's origins call it; the banner gives
 * the frontend's configuration. The Amplify test is skipped where node or the npm packages are missing
 * ({@code npm ci} in src/test/amplify; .ci/run does it).
 */
class AmplifySignInTest {

	static final Path PROJECT = Path.of("src/test/amplify");

	static final JsonMapper json = JsonMapper.builder().build();

	static Devstack stack;

	static KleppSystem system;

	@BeforeAll
	static void start() {
		stack = Devstack.shared();
		List<String> localRun = new ArrayList<>();
		KleppLocal.localSettings(Map.of()).forEach((name, value) -> localRun.add("--" + name + "=" + value));
		system = KleppSystem.startForTests(stack, localRun.toArray(String[]::new));
	}

	@AfterAll
	static void stop() {
		if (system != null) {
			system.close();
		}
	}

	@Test
	void amplifySignsUpSignsInRefreshesAndSignsOutAndTheApiKnowsTheUser() throws Exception {
		assumeTrue(nodeRuns(), "node is not installed");
		assumeTrue(Files.isDirectory(PROJECT.resolve("node_modules/aws-amplify")),
				"aws-amplify is not installed: run npm ci in klepp-local/src/test/amplify");
		String username = "amp-" + UUID.randomUUID().toString().substring(0, 8);
		String api = "http://127.0.0.1:" + system.apiPort();
		Map<String, Map<String, Object>> steps = runAmplify(username, api);

		assertThat(steps.get("wrong-password")).containsEntry("error", "NotAuthorizedException")
			.containsEntry("message", "Incorrect username or password.");
		assertThat(steps.get("unknown-user")).containsEntry("error", "UserNotFoundException");
		assertThat(steps.get("signed-up")).containsEntry("nextStep", "CONFIRM_SIGN_UP");
		assertThat(steps.get("confirmed")).containsEntry("nextStep", "COMPLETE_AUTO_SIGN_IN");

		assertThat(steps.get("signed-in")).containsEntry("isSignedIn", true)
			.containsEntry("username", username)
			.containsEntry("idTokenUsername", username)
			.containsEntry("accessTokenUsername", username)
			.containsEntry("email", username + "@example.com")
			.containsEntry("emailVerified", "true");
		assertThat(map(steps.get("signed-in").get("api"))).containsEntry("status", 201);
		assertThat((String) map(steps.get("signed-in").get("api")).get("path")).startsWith(username + "/");

		assertThat(steps.get("refreshed")).containsEntry("changed", true)
			.containsEntry("sameSignIn", true)
			.containsEntry("username", username);
		assertThat(map(steps.get("refreshed").get("api"))).containsEntry("status", 201);
		assertThat((String) map(steps.get("refreshed").get("api")).get("path")).startsWith(username + "/");

		assertThat(steps.get("signed-out")).containsEntry("error", "UserUnAuthenticatedException");
		assertThat(steps.get("revoked")).containsEntry("status", 400)
			.containsEntry("error", "NotAuthorizedException")
			.containsEntry("tokensLeft", 0);
		assertThat((Integer) steps.get("revoked").get("tokensBefore")).isGreaterThanOrEqualTo(3);
		assertThat(steps.get("moderator")).containsEntry("isSignedIn", true)
			.containsEntry("username", "moderator")
			.containsEntry("groups", List.of("admin"));
		assertThat(steps).containsKey("done");

		var users = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(api + "/api/v2/users")).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(users.body()).contains("\"" + username + "\"");
	}

	@Test
	void theLocalRunLetsTheFrontendsDevelopmentOriginsCallTheApi() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		for (String origin : KleppLocal.FRONTEND_ORIGINS) {
			var preflight = http.send(preflight(origin), HttpResponse.BodyHandlers.ofString());
			assertThat(preflight.statusCode()).as(origin).isEqualTo(200);
			assertThat(preflight.headers().firstValue("access-control-allow-origin")).as(origin).hasValue(origin);
			assertThat(preflight.headers().firstValue("access-control-allow-methods").orElseThrow()).contains("DELETE");
		}
		var stranger = http.send(preflight("http://klepp.example"), HttpResponse.BodyHandlers.ofString());
		assertThat(stranger.headers().firstValue("access-control-allow-origin")).isEmpty();
	}

	@Test
	void theBannerGivesTheFrontendConfigurationAndWhoCanSignIn() {
		String origins = system.apiProperty("klepp.cors.allowed-origins");
		String banner = KleppLocal.banner(stack, system.apiPort(), Path.of("data"), Path.of("data/klepp-local.log"),
				origins);

		assertThat(banner).contains("baseUrl: 'http://127.0.0.1:" + system.apiPort() + "/api/v2/'",
				"userPoolId: 'local_klepp'", "userPoolClientId: 'klepp-web'",
				"userPoolEndpoint: '" + stack.userPoolEndpoint() + "'", "data/klepp-local.log",
				"http://localhost:5173", stack.tokenEndpoint());
		LocalUserPool.SEEDED_USERS.forEach(user -> assertThat(banner).contains(user.username(), user.password()));
	}

	private static HttpRequest preflight(String origin) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + system.apiPort() + "/api/v2/files"))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", origin)
			.header("Access-Control-Request-Method", "DELETE")
			.header("Access-Control-Request-Headers", "authorization,content-type")
			.build();
	}

	/** Runs the script, hands it the confirmation code when it asks, and collects its steps by name. */
	private Map<String, Map<String, Object>> runAmplify(String username, String api) throws Exception {
		LocalUserPool pool = stack.userPool();
		Path stderr = Files.createTempFile("amplify-", ".log");
		Process node = new ProcessBuilder("node", "sign-in-flow.mjs", stack.userPoolEndpoint(), pool.userPoolId(),
				pool.clientId(), api, username)
			.directory(PROJECT.toFile())
			.redirectError(stderr.toFile())
			.start();
		ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
		watchdog.schedule(node::destroyForcibly, 3, TimeUnit.MINUTES);
		Map<String, Map<String, Object>> steps = new HashMap<>();
		try (var out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
				Writer in = node.outputWriter(StandardCharsets.UTF_8)) {
			for (String line = out.readLine(); line != null; line = out.readLine()) {
				if (!line.startsWith("{\"step\"")) {
					continue;
				}
				Map<String, Object> step = map(json.readValue(line, Map.class));
				steps.put((String) step.get("step"), step);
				if ("signed-up".equals(step.get("step"))) {
					in.write(pool.pendingCode(username).orElseThrow() + "\n");
					in.flush();
				}
			}
			int exit = node.waitFor();
			assertThat(exit).as("node exited with %s; steps %s; stderr:%n%s", exit, steps.keySet(), tail(stderr))
				.isZero();
		}
		finally {
			watchdog.shutdownNow();
			node.destroyForcibly();
		}
		return steps;
	}

	private static String tail(Path file) throws IOException {
		List<String> lines = Files.readAllLines(file);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	private static boolean nodeRuns() {
		try {
			Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
			version.getInputStream().readAllBytes();
			return version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0;
		}
		catch (IOException e) {
			return false;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
