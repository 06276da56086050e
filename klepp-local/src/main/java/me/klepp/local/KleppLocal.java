package me.klepp.local;

import java.nio.file.Path;

import me.klepp.devstack.Devstack;

/**
 * Runs all of klepp on a laptop without Docker: the devstack on fixed ports with data kept in
 * {@code KLEPP_LOCAL_DATA} (default {@code .klepp-local}), then the API, the metadata ingestor and the thumbnail
 * worker. Set {@code SPRING_R2DBC_URL} / {@code SPRING_DATASOURCE_URL} / {@code SPRING_FLYWAY_URL} to use your
 * own PostgreSQL instead of the embedded one.
 */
public final class KleppLocal {

	static final int S3_PORT = 9090;

	static final int SQS_PORT = 9324;

	static final int OIDC_PORT = 9400;

	static final int POSTGRES_PORT = 5433;

	private KleppLocal() {
	}

	public static void main(String[] args) {
		Path dataDir = Path.of(System.getenv().getOrDefault("KLEPP_LOCAL_DATA", ".klepp-local")).toAbsolutePath();
		String externalDatabase = System.getenv("SPRING_DATASOURCE_URL");
		Devstack stack = Devstack
			.start(new Devstack.Options(dataDir, S3_PORT, SQS_PORT, OIDC_PORT, POSTGRES_PORT, externalDatabase));
		KleppSystem system = KleppSystem.startWithDefaults(stack);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			system.close();
			stack.close();
		}, "klepp-local-shutdown"));
		System.out.println(banner(stack, system.apiPort(), dataDir));
	}

	static String banner(Devstack stack, int apiPort, Path dataDir) {
		String api = "http://127.0.0.1:" + apiPort;
		return """

				klepp is running on its embedded stack (data in %s)
				  API        %s/api/v2/files
				  S3         %s  (access key %s, secret %s, buckets klepp-media, klepp-media-derived)
				  SQS        %s
				  OIDC       %s
				  PostgreSQL %s

				Get an access token for any user name (add -d groups=admin for a moderator):
				  curl -s -d grant_type=client_credentials -d client_id=%s -d client_secret=local -d username=alice %s

				Then, for example:
				  TOKEN=$(curl -s -d grant_type=client_credentials -d client_id=%s -d client_secret=local -d username=alice %s | sed -n 's/.*"access_token" *: *"\\([^"]*\\)".*/\\1/p')
				  curl -s -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\
				       -d '{"filename":"clip.mp4","content_type":"video/mp4","size":1048576}' %s/api/v2/uploads
				Press Ctrl+C to stop.
				""".formatted(dataDir, api, stack.s3Endpoint(), stack.credentials().accessKeyId(),
				stack.credentials().secretAccessKey(), stack.sqsEndpoint(), stack.issuerUri(), stack.jdbcUrl(),
				Devstack.CLIENT_ID, stack.tokenEndpoint(), Devstack.CLIENT_ID, stack.tokenEndpoint(), api);
	}

}
