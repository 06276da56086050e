package me.klepp.thumbnail;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.PropertySource;

/** Makes thumbnails and reads media metadata of every upload; reports through versioned events. */
// No database at all, even where database drivers share the classpath (the local run of all services in one JVM).
@SpringBootApplication(excludeName = { "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration" })
@ConfigurationPropertiesScan
@PropertySource("classpath:klepp-thumbnail.properties")
public class ThumbnailWorkerApplication {

	public static void main(String[] args) {
		application().run(args);
	}

	/**
	 * A worker process. Its HTTP server only serves health and metrics, and only when a port is given
	 * ({@code KLEPP_MANAGEMENT_PORT}); by default it listens on nothing (Heroku worker dynos get no routing).
	 */
	public static SpringApplicationBuilder application() {
		boolean managementPort = System.getenv("KLEPP_MANAGEMENT_PORT") != null
				|| System.getProperty("KLEPP_MANAGEMENT_PORT") != null;
		return new SpringApplicationBuilder(ThumbnailWorkerApplication.class).main(ThumbnailWorkerApplication.class)
			// Logging starts before @PropertySource files are read: the name it reports must come as a default.
			.properties("spring.application.name=klepp-thumbnail")
			.web(managementPort ? WebApplicationType.REACTIVE : WebApplicationType.NONE);
	}

}
