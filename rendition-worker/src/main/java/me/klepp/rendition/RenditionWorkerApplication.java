package me.klepp.rendition;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.PropertySource;

/**
 * Makes every uploaded video playable in every browser (remux or transcode to a faststart H.264 MP4, or nothing
 * when it already is); reports through versioned events. Its own process and queue: a long transcode never delays
 * anybody's thumbnail, and it scales on its own.
 */
// No database at all, even where database drivers share the classpath (the local run of all services in one JVM).
@SpringBootApplication(excludeName = { "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration" })
@ConfigurationPropertiesScan
@PropertySource("classpath:klepp-rendition.properties")
public class RenditionWorkerApplication {

	public static void main(String[] args) {
		application().run(args);
	}

	/** A worker process: HTTP (health and metrics) only when {@code KLEPP_MANAGEMENT_PORT} is set. */
	public static SpringApplicationBuilder application() {
		boolean managementPort = System.getenv("KLEPP_MANAGEMENT_PORT") != null
				|| System.getProperty("KLEPP_MANAGEMENT_PORT") != null;
		return new SpringApplicationBuilder(RenditionWorkerApplication.class).main(RenditionWorkerApplication.class)
			.properties("spring.application.name=klepp-rendition")
			.web(managementPort ? WebApplicationType.REACTIVE : WebApplicationType.NONE);
	}

}
