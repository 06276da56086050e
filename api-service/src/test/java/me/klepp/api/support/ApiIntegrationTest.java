package me.klepp.api.support;

import me.klepp.devstack.Devstack;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API on a random port against the shared devstack (real S3Proxy, PostgreSQL, OIDC). All subclasses share
 * one Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiIntegrationTest {

	@DynamicPropertySource
	static void devstack(DynamicPropertyRegistry registry) {
		Devstack.shared().springProperties().forEach((key, value) -> registry.add(key, () -> value));
	}

	@LocalServerPort
	protected int port;

	@Autowired
	protected DatabaseClient db;

	protected Api api;

	protected Catalog catalog;

	protected final JsonMapper json = JsonMapper.builder().build();

	@BeforeEach
	void connect() {
		api = new Api(port);
		catalog = new Catalog(db);
	}

	protected JsonNode json(byte[] body) {
		return json.readTree(body);
	}

}
