package me.klepp.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import me.klepp.devstack.Devstack;
import me.klepp.devstack.userpool.LocalUserPool;

/**
 * Runs all of klepp on a laptop without Docker: the devstack on fixed ports with data kept in
 * {@code KLEPP_LOCAL_DATA} (default {@code .klepp-local}), then the API, the metadata ingestor and the thumbnail
 * worker. Set {@code SPRING_R2DBC_URL} / {@code SPRING_DATASOURCE_URL} / {@code SPRING_FLYWAY_URL} to use your
 * own PostgreSQL instead of the embedded one. The servers' logs go to {@code klepp-local.log} in the data
 * directory; the console shows warnings, errors, sign-up codes and the banner.
 */
public final class KleppLocal {

	static final int S3_PORT = 9090;

	static final int SQS_PORT = 9324;

	static final int OIDC_PORT = 9400;

	static final int POSTGRES_PORT = 5433;

	/** The published frontend's development origins (Vite's and Create React App's ports). */
	static final List<String> FRONTEND_ORIGINS = List.of("http://localhost:3000", "http://127.0.0.1:3000",
			"http://localhost:5173", "http://127.0.0.1:5173");

	private KleppLocal() {
	}

	public static void main(String[] args) {
		Path dataDir = Path.of(System.getenv().getOrDefault("KLEPP_LOCAL_DATA", ".klepp-local")).toAbsolutePath();
		Path logFile = logToFile(dataDir);
		String externalDatabase = System.getenv("SPRING_DATASOURCE_URL");
		Devstack stack = Devstack
			.start(new Devstack.Options(dataDir, S3_PORT, SQS_PORT, OIDC_PORT, POSTGRES_PORT, externalDatabase));
		// Logback is configured now; Spring reads the same file through logging.config and warns about this one.
		System.clearProperty("logback.configurationFile");
		KleppSystem system = KleppSystem.startWithDefaults(stack, localSettings(System.getenv()));
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			system.close();
			stack.close();
		}, "klepp-local-shutdown"));
		System.out.println(banner(stack, system.apiPort(), dataDir, logFile, allowedOrigins(system)));
	}

	/**
	 * Points Logback at the local run's configuration before anything logs (the devstack starts before Spring,
	 * which then reads the same file): embedded servers' chatter to the file, warnings to the console.
	 */
	private static Path logToFile(Path dataDir) {
		Path logFile = dataDir.resolve("klepp-local.log");
		String config = "klepp-local-logback.xml";
		System.setProperty("klepp.local.log-file", logFile.toString());
		System.setProperty("logback.configurationFile", config);
		System.setProperty("logging.config", "classpath:" + config);
		return logFile;
	}

	/**
	 * Settings of the local run that production does not share. They win over the services' properties files
	 * (whose CORS default is no origin), so an override comes from the environment: {@code
	 * KLEPP_CORS_ALLOWED_ORIGINS} replaces the frontend's development origins.
	 */
	static Map<String, String> localSettings(Map<String, String> environment) {
		return Map.of("klepp.cors.allowed-origins",
				environment.getOrDefault("KLEPP_CORS_ALLOWED_ORIGINS", String.join(",", FRONTEND_ORIGINS)),
				// Spring's banner goes to the log file with the rest of the start-up.
				"spring.main.banner-mode", "log");
	}

	private static String allowedOrigins(KleppSystem system) {
		return system.apiProperty("klepp.cors.allowed-origins");
	}

	static String banner(Devstack stack, int apiPort, Path dataDir, Path logFile, String allowedOrigins) {
		String api = "http://127.0.0.1:" + apiPort;
		LocalUserPool pool = stack.userPool();
		String users = LocalUserPool.SEEDED_USERS.stream()
			.map(user -> "%-10s password %-16s%s".formatted(user.username(), user.password(),
					user.groups().contains("admin") ? " (moderator)" : ""))
			.collect(Collectors.joining("\n    "));
		return """

				klepp is running on its embedded stack (data in %s, logs in %s)
				  API        %s/api/v2/files   (CORS allows %s)
				  S3         %s  (access key %s, secret %s, buckets klepp-media, klepp-media-derived)
				  SQS        %s
				  OIDC       %s
				  User pool  %s  (Cognito user-pool API: sign-up, SRP sign-in)
				  PostgreSQL %s

				Sign in (the published frontend, Amplify) as
				    %s
				  or sign up: the confirmation code is printed here.

				Published frontend configuration (README "Use the published React frontend"):
				  src/config/api_config.tsx     baseUrl: '%s/api/v2/'
				  src/config/amplify_config.tsx userPoolId: '%s', userPoolClientId: '%s',
				                                userPoolEndpoint: '%s'

				Get an access token for any user name (add -d groups=admin for a moderator):
				  curl -s -d grant_type=client_credentials -d client_id=%s -d client_secret=local -d username=alice %s

				Then, for example:
				  TOKEN=$(curl -s -d grant_type=client_credentials -d client_id=%s -d client_secret=local -d username=alice %s | sed -n 's/.*"access_token" *: *"\\([^"]*\\)".*/\\1/p')
				  curl -s -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\
				       -d '{"filename":"clip.mp4","content_type":"video/mp4","size":1048576}' %s/api/v2/uploads
				Press Ctrl+C to stop.
				""".formatted(dataDir, logFile, api, allowedOrigins.isBlank() ? "no origin" : allowedOrigins,
				stack.s3Endpoint(), stack.credentials().accessKeyId(), stack.credentials().secretAccessKey(),
				stack.sqsEndpoint(), stack.issuerUri(), stack.userPoolEndpoint(), stack.jdbcUrl(), users, api,
				pool.userPoolId(), pool.clientId(), stack.userPoolEndpoint(), Devstack.CLIENT_ID, stack.tokenEndpoint(),
				Devstack.CLIENT_ID, stack.tokenEndpoint(), api);
	}

}
