package me.klepp.api;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.PropertySource;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The klepp HTTP API. Defaults live in {@code klepp-api.properties} so three services can share one JVM. */
@SpringBootApplication
@ConfigurationPropertiesScan
@PropertySource("classpath:klepp-api.properties")
@EnableScheduling
public class KleppApiApplication {

	public static void main(String[] args) {
		application().run(args);
	}

	public static SpringApplicationBuilder application() {
		return new SpringApplicationBuilder(KleppApiApplication.class).main(KleppApiApplication.class)
			// Logging starts before @PropertySource files are read: the name it reports must come as a default.
			.properties("spring.application.name=klepp-api").web(WebApplicationType.REACTIVE);
	}

}
