package me.klepp.ingestor;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.PropertySource;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Keeps the media catalog in step with the bucket and with what the thumbnail worker reports. */
// JDBC, not R2DBC, even where an R2DBC driver shares the classpath (the local run of all services in one JVM).
@SpringBootApplication(excludeName = "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration")
@ConfigurationPropertiesScan
@PropertySource("classpath:klepp-ingestor.properties")
@EnableScheduling
public class MetadataIngestorApplication {

	public static void main(String[] args) {
		application().run(args);
	}

	/**
	 * A worker process. Its HTTP server only serves health and metrics, and only when a port is given
	 * ({@code KLEPP_MANAGEMENT_PORT}); by default it listens on nothing (Heroku worker dynos get no routing).
	 */
	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(MetadataIngestorApplication.class).main(MetadataIngestorApplication.class)
			// Logging starts before @PropertySource files are read: the name it reports must come as a default.
			.properties("spring.application.name=klepp-ingestor")
			.web(managementPortRequested() ? WebApplicationType.REACTIVE : WebApplicationType.NONE);
	}

	static boolean managementPortRequested() {
		return System.getenv("KLEPP_MANAGEMENT_PORT") != null || System.getProperty("KLEPP_MANAGEMENT_PORT") != null;
	}

}
