package me.klepp.catalog.heroku;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Turns {@code DATABASE_URL} (Heroku's {@code postgres://user:password@host:port/database}) into the settings
 * the services read: {@code spring.r2dbc.*} (API), {@code spring.datasource.*} (ingestor) and
 * {@code spring.flyway.*} (both). Registered in {@code META-INF/spring.factories}, so it runs in every service
 * that has the catalog schema on its classpath.
 *
 * <p>
 * The derived settings rank just below the environment variables: explicit {@code SPRING_R2DBC_URL},
 * {@code SPRING_DATASOURCE_URL} or {@code SPRING_FLYWAY_URL} (or the same as system properties or arguments)
 * win. Each of the three groups is left out as a whole when its URL is set explicitly, so that an explicit
 * URL is never paired with credentials of another database.
 */
class DatabaseUrlEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String DATABASE_URL = "DATABASE_URL";

	static final String PROPERTY_SOURCE_NAME = "databaseUrl";

	private final Log log;

	DatabaseUrlEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.log = logFactory.getLog(DatabaseUrlEnvironmentPostProcessor.class);
	}

	@Override
	public int getOrder() {
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String url = environment.getProperty(DATABASE_URL);
		if (url == null || url.isBlank()) {
			return;
		}
		DatabaseUrl database = DatabaseUrl.parse(url);
		Map<String, Object> settings = new LinkedHashMap<>();
		List<String> applied = new ArrayList<>();
		if (!setExplicitly(environment, "spring.r2dbc.url")) {
			settings.put("spring.r2dbc.url", database.r2dbcUrl());
			putCredentials(settings, "spring.r2dbc.username", "spring.r2dbc.password", database);
			applied.add("spring.r2dbc");
		}
		if (!setExplicitly(environment, "spring.datasource.url")) {
			settings.put("spring.datasource.url", database.jdbcUrl());
			putCredentials(settings, "spring.datasource.username", "spring.datasource.password", database);
			applied.add("spring.datasource");
		}
		if (!setExplicitly(environment, "spring.flyway.url")) {
			settings.put("spring.flyway.url", database.jdbcUrl());
			putCredentials(settings, "spring.flyway.user", "spring.flyway.password", database);
			applied.add("spring.flyway");
		}
		if (settings.isEmpty()) {
			log.info("DATABASE_URL ignored: spring.r2dbc.url, spring.datasource.url and spring.flyway.url are set");
			return;
		}
		MapPropertySource source = new MapPropertySource(PROPERTY_SOURCE_NAME, settings);
		var sources = environment.getPropertySources();
		if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
			sources.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
		}
		else {
			sources.addLast(source);
		}
		log.info("Database from DATABASE_URL: " + database + " for " + String.join(", ", applied));
	}

	private static void putCredentials(Map<String, Object> settings, String userKey, String passwordKey,
			DatabaseUrl database) {
		if (database.username() != null) {
			settings.put(userKey, database.username());
		}
		if (database.password() != null) {
			settings.put(passwordKey, database.password());
		}
	}

	/**
	 * Whether {@code key} comes from a source that outranks ours: arguments, system properties, environment
	 * variables (in Spring's relaxed form, {@code SPRING_R2DBC_URL}).
	 */
	private static boolean setExplicitly(ConfigurableEnvironment environment, String key) {
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
				continue; // a view over all the others, including those ranked below ours
			}
			if (source.containsProperty(key)) {
				return true;
			}
			if (source.getName().equals(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
				return false;
			}
		}
		return false;
	}

}
