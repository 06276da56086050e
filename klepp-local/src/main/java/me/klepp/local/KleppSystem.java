package me.klepp.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import me.klepp.api.KleppApiApplication;
import me.klepp.devstack.Devstack;
import me.klepp.ingestor.MetadataIngestorApplication;
import me.klepp.rendition.RenditionWorkerApplication;
import me.klepp.thumbnail.ThumbnailWorkerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The four klepp services, each in its own Spring context, in one JVM, pointed at a devstack. In production
 * they are separate processes; nothing here is shared between them but the JVM.
 */
public final class KleppSystem implements AutoCloseable {

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private final ConfigurableApplicationContext api;

	private KleppSystem(Map<String, String> properties, String[] apiArgs, String... args) {
		try {
			api = start(KleppApiApplication.application(), properties, apiArgs);
			start(MetadataIngestorApplication.application(), properties, args);
			start(ThumbnailWorkerApplication.application(), properties, args);
			start(RenditionWorkerApplication.application(), properties, args);
		}
		catch (RuntimeException e) {
			close();
			throw e;
		}
	}

	/**
	 * Starts the services with the stack's settings as defaults, so that environment variables still override
	 * them (e.g. an external database).
	 */
	public static KleppSystem startWithDefaults(Devstack stack) {
		return startWithDefaults(stack, Map.of());
	}

	/**
	 * As {@link #startWithDefaults(Devstack)}, plus settings that win over the services' own properties files
	 * (as command-line arguments do), such as the local run's CORS origins; resolve environment overrides of
	 * them before.
	 */
	public static KleppSystem startWithDefaults(Devstack stack, Map<String, String> settings) {
		String[] args = arguments(settings);
		return new KleppSystem(stack.springProperties(), args, args);
	}

	private static String[] arguments(Map<String, String> settings) {
		List<String> args = new ArrayList<>();
		settings.forEach((key, value) -> args.add("--" + key + "=" + value));
		return args.toArray(String[]::new);
	}

	/** Starts the services with the stack's settings taking precedence over everything, as tests want. */
	public static KleppSystem startForTests(Devstack stack, String... extraArgs) {
		return startForTests(stack.springProperties(), extraArgs);
	}

	/**
	 * Starts the services with these settings taking precedence over everything, e.g. a devstack's with S3 and
	 * SQS pointed elsewhere (LocalStack).
	 */
	public static KleppSystem startForTests(Map<String, String> properties, String... extraArgs) {
		List<String> args = new ArrayList<>();
		properties.forEach((key, value) -> args.add("--" + key + "=" + value));
		args.addAll(List.of(extraArgs));
		// Only the API serves HTTP here; the workers' management port stays off (-1), as by default.
		List<String> apiArgs = new ArrayList<>(args);
		apiArgs.add("--server.port=0");
		return new KleppSystem(Map.of(), apiArgs.toArray(String[]::new), args.toArray(String[]::new));
	}

	private ConfigurableApplicationContext start(SpringApplicationBuilder application, Map<String, String> defaults,
			String... args) {
		ConfigurableApplicationContext context = application.properties(Map.copyOf(defaults)).run(args);
		contexts.add(context);
		return context;
	}

	/** A setting as the API resolved it (defaults, environment, arguments). */
	public String apiProperty(String name) {
		return api.getEnvironment().getProperty(name, "");
	}

	public int apiPort() {
		return ((WebServerApplicationContext) api).getWebServer().getPort();
	}

	@Override
	public void close() {
		for (int i = contexts.size() - 1; i >= 0; i--) {
			contexts.get(i).close();
		}
		contexts.clear();
	}

}
