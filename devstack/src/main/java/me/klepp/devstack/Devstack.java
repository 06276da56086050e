package me.klepp.devstack;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import me.klepp.devstack.userpool.LocalUserPool;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The Docker-free local stack: every server klepp talks to in production, started in-process as a real
 * implementation of the same wire protocol. S3 (S3Proxy, SigV4 checked, with S3 event notifications fanned out
 * to the subscribed queues), SQS (ElasticMQ, with dead-letter queues), an OIDC issuer (mock-oauth2-server
 * issuing Cognito-shaped access tokens) with a local Cognito user pool on the same port (sign-up and SRP
 * sign-in for Amplify), and PostgreSQL (embedded binaries, or an external server).
 *
 * <p>
 * Used by the integration tests of every module (transient, dynamic ports) and by the local run command
 * (filesystem-backed, fixed ports).
 */
public final class Devstack implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Devstack.class);

	public static final String REGION = "eu-north-1";

	public static final String CLIENT_ID = "klepp-web";

	private static final AwsBasicCredentials CREDENTIALS = AwsBasicCredentials.create("klepp-local",
			"klepp-local-secret");

	private final Options options;

	private final List<AutoCloseable> started = new ArrayList<>();

	private EmbeddedDatabase database;

	private EmbeddedSqs sqs;

	private EmbeddedS3 s3;

	private EmbeddedOidc oidc;

	private LocalUserPool userPool;

	private int visibilityTimeoutSeconds = 30;

	private FaultProxies faults;

	private Devstack(Options options) {
		this.options = options;
	}

	private static Devstack shared;

	/**
	 * One transient stack per JVM, started on first use and stopped when the JVM exits: test classes of a
	 * module share it, so each pays the start-up once.
	 */
	public static synchronized Devstack shared() {
		if (shared == null) {
			shared = startTransient();
			Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "devstack-shutdown"));
		}
		return shared;
	}

	/**
	 * A throwaway stack for fault tests: the services reach S3, SQS and PostgreSQL through {@link #faults()}
	 * proxies that can be cut, and messages come back after {@code visibilityTimeoutSeconds}.
	 */
	public static Devstack startForFaultTests(int visibilityTimeoutSeconds) {
		Devstack stack = new Devstack(new Options(null, 0, 0, 0, 0, null));
		stack.visibilityTimeoutSeconds = visibilityTimeoutSeconds;
		try {
			stack.startAll();
			stack.faults = stack.track(new FaultProxies(stack.s3.endpoint().getPort(), stack.sqs.endpoint().getPort(),
					stack.database.port()));
			return stack;
		}
		catch (Exception e) {
			stack.close();
			throw new IllegalStateException("devstack failed to start: " + e.getMessage(), e);
		}
	}

	/** The proxies between the services and S3, SQS and PostgreSQL; only for {@link #startForFaultTests}. */
	public FaultProxies faults() {
		if (faults == null) {
			throw new IllegalStateException("this stack has no fault proxies; start it with startForFaultTests");
		}
		return faults;
	}

	/** A throwaway stack on free ports, for tests. */
	public static Devstack startTransient() {
		return start(new Options(null, 0, 0, 0, 0, null));
	}

	public static Devstack start(Options options) {
		Devstack stack = new Devstack(options);
		try {
			stack.startAll();
			return stack;
		}
		catch (Exception e) {
			stack.close();
			throw new IllegalStateException("devstack failed to start: " + e.getMessage(), e);
		}
	}

	private void startAll() throws Exception {
		long began = System.nanoTime();
		if (options.databaseUrl() == null) {
			database = track(new EmbeddedDatabase(options.postgresPort(), dataDir("postgres")));
		}
		sqs = track(new EmbeddedSqs(options.sqsPort(), REGION, CREDENTIALS));
		for (String queue : KleppResources.QUEUES) {
			sqs.createQueueWithDeadLetterQueue(queue, visibilityTimeoutSeconds, KleppResources.MAX_RECEIVE_COUNT);
		}
		s3 = track(new EmbeddedS3(options.s3Port(), dataDir("s3"), CREDENTIALS,
				Map.of(KleppResources.MEDIA_BUCKET, KleppResources.UPLOAD_SUBSCRIBERS), sqs::send, REGION));
		s3.createBucket(KleppResources.MEDIA_BUCKET, false);
		s3.createBucket(KleppResources.DERIVED_BUCKET, false);
		var tokenProvider = new OAuth2TokenProvider();
		Path userPoolDir = dataDir("user-pool");
		userPool = new LocalUserPool(CLIENT_ID, userPoolDir == null ? null : userPoolDir.resolve("users.json"),
				new IssuerKeys(tokenProvider, this::issuerUri, Clock.systemUTC()));
		oidc = track(new EmbeddedOidc(options.oidcPort(), CLIENT_ID, tokenProvider, userPool.route()));
		log.info("devstack up in {} ms: S3 {}, SQS {}, OIDC {}, user pool {}, PostgreSQL {}",
				(System.nanoTime() - began) / 1_000_000, s3.endpoint(), sqs.endpoint(), oidc.issuerUri(),
				userPoolEndpoint(), database == null ? options.databaseUrl() : database.jdbcUrl());
	}

	private Path dataDir(String name) {
		return options.dataDir() == null ? null : options.dataDir().resolve(name);
	}

	private <T extends AutoCloseable> T track(T server) {
		started.add(0, server);
		return server;
	}

	/**
	 * The configuration that points a klepp service at this stack, as Spring property names. Every service
	 * reads the subset it needs.
	 */
	public Map<String, String> springProperties() {
		Map<String, String> p = new LinkedHashMap<>();
		p.put("spring.cloud.aws.region.static", REGION);
		p.put("spring.cloud.aws.credentials.access-key", CREDENTIALS.accessKeyId());
		p.put("spring.cloud.aws.credentials.secret-key", CREDENTIALS.secretAccessKey());
		p.put("spring.cloud.aws.sqs.endpoint", sqs.endpoint().toString());
		p.put("klepp.s3.endpoint", s3.endpoint().toString());
		p.put("klepp.s3.path-style-access", "true");
		p.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", oidc.issuerUri());
		p.put("klepp.auth.client-ids", CLIENT_ID);
		if (faults != null) {
			p.put("spring.cloud.aws.sqs.endpoint", "http://127.0.0.1:" + faults.sqs().port());
			p.put("klepp.s3.endpoint", "http://127.0.0.1:" + faults.s3().port());
		}
		if (database != null) {
			p.put("spring.r2dbc.url", faults == null ? database.r2dbcUrl()
					: "r2dbc:postgresql://127.0.0.1:" + faults.postgres().port() + "/" + EmbeddedDatabase.DATABASE);
			p.put("spring.r2dbc.username", EmbeddedDatabase.USER);
			p.put("spring.r2dbc.password", "");
			String jdbcUrl = faults == null ? database.jdbcUrl()
					: "jdbc:postgresql://127.0.0.1:" + faults.postgres().port() + "/" + EmbeddedDatabase.DATABASE;
			p.put("spring.datasource.url", jdbcUrl);
			p.put("spring.datasource.username", EmbeddedDatabase.USER);
			p.put("spring.datasource.password", "");
			p.put("spring.flyway.url", jdbcUrl);
			p.put("spring.flyway.user", EmbeddedDatabase.USER);
			p.put("spring.flyway.password", "");
		}
		return p;
	}

	/** A signed Cognito-shaped access token for {@code username}, valid for an hour. */
	public String accessToken(String username, String... groups) {
		return oidc.token(username, List.of(groups), CLIENT_ID, "access", 3600);
	}

	/** A token with chosen client, token use and lifetime (negative: already expired), for auth tests. */
	public String token(String username, String clientId, String tokenUse, long expirySeconds) {
		return oidc.token(username, List.of(), clientId, tokenUse, expirySeconds);
	}

	public String issuerUri() {
		return oidc.issuerUri();
	}

	public String tokenEndpoint() {
		return oidc.tokenEndpoint();
	}

	/**
	 * The local Cognito user pool (sign-up, SRP sign-in, refresh, sign-out), whose tokens the API accepts: its
	 * id and seeded users, and the codes it sent.
	 */
	public LocalUserPool userPool() {
		return userPool;
	}

	/** Where user-pool clients send their calls: Amplify's {@code userPoolEndpoint}. */
	public String userPoolEndpoint() {
		return "http://127.0.0.1:" + URI.create(oidc.baseUrl()).getPort() + LocalUserPool.PATH;
	}

	public URI s3Endpoint() {
		return s3.endpoint();
	}

	public URI sqsEndpoint() {
		return sqs.endpoint();
	}

	public String queueUrl(String queueName) {
		return sqs.queueUrl(queueName);
	}

	/** Messages in a queue, waiting or being processed (approximate, as SQS reports them). */
	public int messagesIn(String queueName) {
		var attributes = sqs.client()
			.getQueueAttributes(a -> a.queueUrl(queueUrl(queueName))
				.attributeNamesWithStrings("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
			.attributesAsStrings();
		return Integer.parseInt(attributes.get("ApproximateNumberOfMessages"))
				+ Integer.parseInt(attributes.get("ApproximateNumberOfMessagesNotVisible"));
	}

	/** Messages of a queue that a consumer has received and not yet acknowledged. */
	public int messagesInFlight(String queueName) {
		return Integer.parseInt(sqs.client()
			.getQueueAttributes(a -> a.queueUrl(queueUrl(queueName))
				.attributeNamesWithStrings("ApproximateNumberOfMessagesNotVisible"))
			.attributesAsStrings()
			.get("ApproximateNumberOfMessagesNotVisible"));
	}

	public String jdbcUrl() {
		return database == null ? options.databaseUrl() : database.jdbcUrl();
	}

	/** An S3 client with the stack's credentials, as ShareX or the AWS CLI would use. */
	public S3Client s3Client() {
		return S3Client.builder()
			.endpointOverride(s3.endpoint())
			.region(Region.of(REGION))
			.credentialsProvider(StaticCredentialsProvider.create(CREDENTIALS))
			.forcePathStyle(true)
			.build();
	}

	public SqsClient sqsClient() {
		return sqs.client();
	}

	public AwsBasicCredentials credentials() {
		return CREDENTIALS;
	}

	@Override
	public void close() {
		for (AutoCloseable server : started) {
			try {
				server.close();
			}
			catch (Exception e) {
				log.warn("stopping {} failed: {}", server.getClass().getSimpleName(), e.toString());
			}
		}
		started.clear();
	}

	/**
	 * @param dataDir where S3 objects and the database live across restarts; {@code null} keeps everything in
	 * memory or temporary directories
	 * @param s3Port S3 port, 0 for any free port (likewise for the others)
	 * @param databaseUrl a JDBC URL of an existing PostgreSQL to use instead of the embedded one, or {@code null}
	 */
	public record Options(Path dataDir, int s3Port, int sqsPort, int oidcPort, int postgresPort, String databaseUrl) {
	}

}
