package me.klepp.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import me.klepp.devstack.Devstack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.MountableFile;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upload scenario with S3, SNS and SQS from LocalStack, set up by the same init scripts as
 * {@code docker compose} ({@code localstack/init/ready.d}); sign-in and the catalog database stay on the
 * devstack. Skipped where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackWalkingSkeletonTest {

	static final Path INIT_SCRIPTS = repositoryRoot().resolve("localstack/init/ready.d");

	static final JsonMapper json = JsonMapper.builder().build();

	static LocalStackContainer localStack;

	static SqsClient sqs;

	static KleppSystem system;

	@BeforeAll
	static void start() throws IOException {
		localStack = new LocalStackContainer(LocalStackImage.fromEnvironment(System.getenv()))
			.withServices("s3", "sqs", "sns")
			.withEnv("AWS_DEFAULT_REGION", Devstack.REGION)
			.withEnv("LOCALSTACK_AUTH_TOKEN", System.getenv().getOrDefault("LOCALSTACK_AUTH_TOKEN", ""))
			// Ready only once the init scripts have run, not when LocalStack itself is.
			.waitingFor(Wait.forHttp("/_localstack/init/ready")
				.forPort(4566)
				.forResponsePredicate(LocalStackWalkingSkeletonTest::initScriptsCompleted)
				.withStartupTimeout(Duration.ofMinutes(3)));
		try (Stream<Path> scripts = Files.list(INIT_SCRIPTS)) {
			scripts.forEach(script -> localStack.withCopyFileToContainer(MountableFile.forHostPath(script, 0755),
					"/etc/localstack/init/ready.d/" + script.getFileName()));
		}
		localStack.start();
		assertInitScriptsSucceeded();

		sqs = SqsClient.builder()
			.endpointOverride(localStack.getEndpoint())
			.region(Region.of(Devstack.REGION))
			.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(localStack.getAccessKey(), localStack.getSecretKey())))
			.build();
		system = KleppSystem.startForTests(LocalStackProperties.of(Devstack.shared().springProperties(),
				localStack.getEndpoint(), Devstack.REGION, localStack.getAccessKey(), localStack.getSecretKey()));
	}

	@AfterAll
	static void stop() {
		if (system != null) {
			system.close();
		}
		if (sqs != null) {
			sqs.close();
		}
		if (localStack != null) {
			localStack.stop();
		}
	}

	@Test
	void uploadedClipAppearsInTheFeedWithARepresentativeThumbnailAndItsMetadata(@TempDir Path dir) throws Exception {
		new UploadScenario(Devstack.shared(), system, sqs)
			.uploadedClipAppearsInTheFeedWithARepresentativeThumbnailAndItsMetadata(dir);
	}

	private static boolean initScriptsCompleted(String status) {
		try {
			return json.readTree(status).path("completed").asBoolean();
		}
		catch (RuntimeException notYetJson) {
			return false;
		}
	}

	/** LocalStack reports a failed init script as done too; a half-created set of resources must fail here. */
	private static void assertInitScriptsSucceeded() throws IOException {
		try (var status = localStack.getEndpoint().resolve("/_localstack/init/ready").toURL().openStream()) {
			JsonNode report = json.readTree(status);
			assertThat(report.path("scripts").size()).as(report.toString()).isPositive();
			report.path("scripts")
				.forEach(script -> assertThat(script.path("state").asString()).as(report.toString())
					.isEqualTo("SUCCESSFUL"));
		}
	}

	private static Path repositoryRoot() {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			if (Files.isDirectory(dir.resolve("localstack/init/ready.d")) && Files.isRegularFile(dir.resolve("mvnw"))) {
				return dir;
			}
		}
		throw new IllegalStateException("no klepp checkout above " + Path.of("").toAbsolutePath());
	}

}
