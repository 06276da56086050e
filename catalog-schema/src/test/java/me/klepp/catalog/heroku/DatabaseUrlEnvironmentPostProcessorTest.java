package me.klepp.catalog.heroku;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseUrlEnvironmentPostProcessorTest {

	static final String HEROKU_URL = "postgres://u7kd2:p4ss@ec2-host.compute.amazonaws.com:5432/d8f1ab";

	final DatabaseUrlEnvironmentPostProcessor processor = new DatabaseUrlEnvironmentPostProcessor(new DeferredLogs());

	@Test
	void databaseUrlFillsTheR2dbcDatasourceAndFlywaySettings() {
		ConfigurableEnvironment environment = environmentWithVariables(Map.of("DATABASE_URL", HEROKU_URL));

		processor.postProcessEnvironment(environment, new SpringApplication());

		String jdbc = "jdbc:postgresql://ec2-host.compute.amazonaws.com:5432/d8f1ab?sslmode=require";
		assertThat(environment.getProperty("spring.r2dbc.url"))
			.isEqualTo("r2dbc:postgresql://ec2-host.compute.amazonaws.com:5432/d8f1ab?sslMode=require");
		assertThat(environment.getProperty("spring.r2dbc.username")).isEqualTo("u7kd2");
		assertThat(environment.getProperty("spring.r2dbc.password")).isEqualTo("p4ss");
		assertThat(environment.getProperty("spring.datasource.url")).isEqualTo(jdbc);
		assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("u7kd2");
		assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("p4ss");
		assertThat(environment.getProperty("spring.flyway.url")).isEqualTo(jdbc);
		assertThat(environment.getProperty("spring.flyway.user")).isEqualTo("u7kd2");
		assertThat(environment.getProperty("spring.flyway.password")).isEqualTo("p4ss");
	}

	@Test
	void withoutDatabaseUrlNothingIsAdded() {
		ConfigurableEnvironment environment = environmentWithVariables(Map.of("PORT", "8080"));

		processor.postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getPropertySources().contains(DatabaseUrlEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
		assertThat(environment.getProperty("spring.datasource.url")).isNull();
	}

	@Test
	void explicitSpringVariableWinsWithItsOwnCredentialsAndTheOtherGroupsStillFollowDatabaseUrl() {
		ConfigurableEnvironment environment = environmentWithVariables(Map.of("DATABASE_URL", HEROKU_URL,
				"SPRING_R2DBC_URL", "r2dbc:postgresql://pgbouncer:6432/klepp", "SPRING_R2DBC_USERNAME", "pooled"));

		processor.postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("spring.r2dbc.url")).isEqualTo("r2dbc:postgresql://pgbouncer:6432/klepp");
		assertThat(environment.getProperty("spring.r2dbc.username")).isEqualTo("pooled");
		assertThat(environment.getProperty("spring.r2dbc.password")).as("never paired with another database's")
			.isNull();
		assertThat(environment.getProperty("spring.flyway.url")).contains("ec2-host.compute.amazonaws.com");
		assertThat(environment.getProperty("spring.datasource.url")).contains("ec2-host.compute.amazonaws.com");
	}

	@Test
	void databaseUrlOutranksDefaultsAndApplicationFiles() {
		ConfigurableEnvironment environment = environmentWithVariables(Map.of("DATABASE_URL", HEROKU_URL));
		environment.getPropertySources()
			.addLast(new MapPropertySource("defaultProperties",
					Map.of("spring.datasource.url", "jdbc:postgresql://127.0.0.1:5433/klepp")));

		processor.postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("spring.datasource.url")).contains("ec2-host.compute.amazonaws.com");
	}

	@Test
	void registeredSoThatEveryBootApplicationWithTheSchemaGetsIt() {
		SpringApplication application = new SpringApplication(Empty.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setLogStartupInfo(false);
		application.setBannerMode(Banner.Mode.OFF);

		try (var context = application.run("--DATABASE_URL=" + HEROKU_URL, "--spring.flyway.url=jdbc:postgresql://migrator/klepp")) {
			var environment = context.getEnvironment();
			assertThat(environment.getProperty("spring.datasource.url")).contains("ec2-host.compute.amazonaws.com");
			assertThat(environment.getProperty("spring.flyway.url")).as("an argument wins")
				.isEqualTo("jdbc:postgresql://migrator/klepp");
		}
	}

	private static ConfigurableEnvironment environmentWithVariables(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		return environment;
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
