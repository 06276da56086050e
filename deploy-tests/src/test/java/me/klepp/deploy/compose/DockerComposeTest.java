package me.klepp.deploy.compose;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import me.klepp.deploy.support.RepositoryFiles;
import me.klepp.devstack.Devstack;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code docker-compose.yml}: LocalStack pinned and initialised by our scripts, each service reaching LocalStack,
 * PostgreSQL and the issuer under names that also work from the host (presigned URLs and the {@code iss} claim
 * must read the same on both sides), and the mock issuer minting the same Cognito-shaped tokens as the devstack.
 */
class DockerComposeTest {

	static final String FILE = "docker-compose.yml";

	static final List<String> KLEPP_SERVICES = List.of("api", "metadata-ingestor", "thumbnail-worker",
			"rendition-worker");

	static final Map<String, String> MODULES = Map.of("api", "api-service", "metadata-ingestor", "metadata-ingestor",
			"thumbnail-worker", "thumbnail-worker", "rendition-worker", "rendition-worker");

	final ComposeFile compose = ComposeFile.parse(RepositoryFiles.read(FILE), Map.of());

	final JsonMapper json = JsonMapper.builder().build();

	@Test
	void localStackIsPinnedTo4_14_0AndANewerTagComesWithAToken() {
		assertThat(compose.image("localstack")).isEqualTo("localstack/localstack:4.14.0");
		assertThat(compose.environment("localstack").get("LOCALSTACK_AUTH_TOKEN")).isEmpty();

		ComposeFile optedIn = ComposeFile.parse(RepositoryFiles.read(FILE),
				Map.of("LOCALSTACK_VERSION", "4.15.0", "LOCALSTACK_AUTH_TOKEN", "ls-token"));
		assertThat(optedIn.image("localstack")).isEqualTo("localstack/localstack:4.15.0");
		assertThat(optedIn.environment("localstack").get("LOCALSTACK_AUTH_TOKEN")).isEqualTo("ls-token");
	}

	@Test
	void localStackRunsOurInitScriptsForS3SnsAndSqs() {
		assertThat(compose.volumes("localstack")).contains("./localstack/init/ready.d:/etc/localstack/init/ready.d:ro");
		assertThat(Files.isDirectory(RepositoryFiles.path("localstack/init/ready.d"))).isTrue();
		assertThat(compose.environment("localstack").get("SERVICES").split(",")).contains("s3", "sns", "sqs");
		assertThat(compose.service("localstack")).containsKey("healthcheck");
	}

	@Test
	void everyServiceUsesLocalStacksRegion() {
		String region = compose.environment("localstack").get("AWS_DEFAULT_REGION");
		assertThat(region).isEqualTo(Devstack.REGION);
		for (String service : KLEPP_SERVICES) {
			assertThat(compose.environment(service).get("SPRING_CLOUD_AWS_REGION_STATIC")).as(service).isEqualTo(region);
		}
	}

	@Test
	void servicesReachLocalStackUnderANameThatAlsoResolvesOnTheHost() {
		for (String service : KLEPP_SERVICES) {
			Map<String, String> environment = compose.environment(service);
			for (String variable : List.of("KLEPP_S3_ENDPOINT", "SPRING_CLOUD_AWS_SQS_ENDPOINT")) {
				URI endpoint = URI.create(environment.get(variable));
				assertThat(compose.aliases("localstack")).as(service + " " + variable).contains(endpoint.getHost());
				assertThat(endpoint.getHost()).as("resolves to 127.0.0.1 outside Docker").endsWith("localhost.localstack.cloud");
				assertThat(compose.publishedPorts("localstack")).as("same port inside and out")
					.containsEntry(endpoint.getPort(), endpoint.getPort());
			}
			assertThat(environment.get("KLEPP_S3_PATH_STYLE_ACCESS")).isEqualTo("true");
			assertThat(compose.dependencies(service)).containsEntry("localstack", "service_healthy");
		}
	}

	@Test
	void theApiTrustsTheIssuerAtTheUrlTheHostGetsTokensFrom() {
		URI issuer = URI.create(compose.environment("api").get("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI"));
		int serverPort = Integer.parseInt(compose.environment("oidc").get("SERVER_PORT"));

		assertThat(compose.aliases("oidc")).contains(issuer.getHost());
		assertThat(issuer.getHost()).endsWith("localhost.localstack.cloud");
		assertThat(issuer.getPort()).isEqualTo(serverPort);
		assertThat(compose.publishedPorts("oidc")).containsEntry(serverPort, serverPort);
		assertThat(issuer.getPath()).isEqualTo("/cognito");
		assertThat(compose.environment("api").get("KLEPP_AUTH_CLIENT_IDS")).isEqualTo(Devstack.CLIENT_ID);
	}

	@Test
	void theMockIssuerIsTheDevstacksAndMintsTheSameCognitoShapedTokens() throws Exception {
		String version = RepositoryFiles.read("pom.xml")
			.replaceAll("(?s).*<mock-oauth2-server.version>([^<]+)</mock-oauth2-server.version>.*", "$1");
		assertThat(compose.image("oidc")).endsWith("/navikt/mock-oauth2-server:" + version);

		MockOAuth2Server composeIssuer = new MockOAuth2Server(
				OAuth2Config.Companion.fromJson(compose.environment("oidc").get("JSON_CONFIG")));
		composeIssuer.start(InetAddress.getLoopbackAddress(), 0);
		try {
			String composeTokens = composeIssuer.tokenEndpointUrl("cognito").toString();
			String devstackTokens = Devstack.shared().tokenEndpoint();
			for (String groups : List.of("", "admin")) {
				JsonNode fromCompose = claims(composeTokens, "alice", groups);
				JsonNode fromDevstack = claims(devstackTokens, "alice", groups);
				for (String claim : List.of("username", "token_use", "client_id", "cognito:groups")) {
					assertThat(fromCompose.get(claim)).as(claim + " with groups=" + groups)
						.isEqualTo(fromDevstack.get(claim));
				}
				assertThat(fromCompose.get("username").asString()).isEqualTo("alice");
				assertThat(fromCompose.has("aud")).as("Cognito access tokens have no aud").isFalse();
			}
		}
		finally {
			composeIssuer.shutdown();
		}
	}

	@Test
	void databaseServicesGetTheComposeDatabaseInHerokusForm() {
		Map<String, String> postgres = compose.environment("postgres");
		for (String service : List.of("api", "metadata-ingestor")) {
			URI database = URI.create(compose.environment(service).get("DATABASE_URL"));
			assertThat(database.getScheme()).isEqualTo("postgres");
			assertThat(database.getHost()).as(service).isEqualTo("postgres");
			assertThat(database.getPort()).isEqualTo(5432);
			assertThat(database.getPath()).isEqualTo("/" + postgres.get("POSTGRES_DB"));
			assertThat(database.getUserInfo()).isEqualTo(postgres.get("POSTGRES_USER") + ":" + postgres.get("POSTGRES_PASSWORD"));
			assertThat(database.getQuery()).as("no TLS inside the compose network").isEqualTo("sslmode=disable");
			assertThat(compose.dependencies(service)).containsEntry("postgres", "service_healthy");
		}
		for (String worker : List.of("thumbnail-worker", "rendition-worker")) {
			assertThat(compose.environment(worker).keySet()).as("the %s has no database", worker)
				.noneMatch(variable -> variable.contains("DATABASE") || variable.contains("DATASOURCE")
						|| variable.contains("R2DBC"));
			assertThat(compose.dependencies(worker)).as(worker).doesNotContainKey("postgres");
		}
	}

	/** The command at the top of the file builds the image of every klepp service. */
	@Test
	void theBuildCommandInTheHeaderBuildsEveryServicesImage() {
		String header = RepositoryFiles.read(FILE).lines().filter(line -> line.contains("spring-boot:build-image"))
			.findFirst()
			.orElseThrow();
		String modules = header.replaceAll(".* -pl (\\S+) .*", "$1");
		assertThat(java.util.Set.of(modules.split(","))).containsExactlyInAnyOrderElementsOf(
				java.util.Set.copyOf(MODULES.values()));
	}

	@Test
	void servicesRunTheImagesThatBuildImageMakes() {
		assertThat(compose.services()).containsAll(KLEPP_SERVICES);
		for (String service : KLEPP_SERVICES) {
			String module = MODULES.get(service);
			assertThat(compose.image(service)).isEqualTo("klepp/" + module + ":latest");
			assertThat(RepositoryFiles.read(module + "/pom.xml"))
				.contains("<name>klepp/${project.artifactId}:${project.version}</name>")
				.contains("<tag>klepp/${project.artifactId}:latest</tag>");
			assertThat(compose.service(service).get("pull_policy")).as("never someone else's image of that name")
				.isEqualTo("never");
		}
	}

	@Test
	void dockerComposeAcceptsTheFile() throws Exception {
		assumeTrue(exitCode(List.of("docker", "compose", "version")) == 0, "no docker compose CLI plugin");
		assertThat(exitCode(List.of("docker", "compose", "-f", FILE, "config", "--quiet"))).isZero();
	}

	private JsonNode claims(String tokenEndpoint, String username, String groups) throws Exception {
		String form = "grant_type=client_credentials&client_id=" + Devstack.CLIENT_ID + "&client_secret=local&username="
				+ username + (groups.isEmpty() ? "" : "&groups=" + groups);
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		String token = json.readTree(response.body()).get("access_token").asString();
		return json.readTree(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
	}

	private static int exitCode(List<String> command) throws Exception {
		Path root = RepositoryFiles.root();
		Process process = new ProcessBuilder(command).directory(root.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			return -1;
		}
		return process.exitValue();
	}

}
