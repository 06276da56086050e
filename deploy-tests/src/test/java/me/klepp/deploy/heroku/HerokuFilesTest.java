package me.klepp.deploy.heroku;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import me.klepp.deploy.support.RepositoryFiles;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Procfile} and {@code system.properties}: Heroku builds the repository with the Maven wrapper and starts
 * one process type per service from the built {@code -exec.jar}s.
 */
class HerokuFilesTest {

	static final Map<String, String> MODULE_OF_PROCESS = Map.of("web", "api-service", "ingestor", "metadata-ingestor",
			"thumbnailer", "thumbnail-worker");

	@Test
	void theApiIsTheWebProcessAndEachWorkerHasItsOwnType() {
		assertThat(processTypes()).containsOnlyKeys(MODULE_OF_PROCESS.keySet());
	}

	@Test
	void eachProcessRunsItsModulesExecutableJarWithJavaOpts() {
		String version = rootPomValue("version", "<artifactId>klepp-parent</artifactId>\\s*<version>([^<]+)</version>");
		processTypes().forEach((type, command) -> {
			String module = MODULE_OF_PROCESS.get(type);
			assertThat(command).as(type).startsWith("java $JAVA_OPTS -jar ");
			String jarGlob = command.substring("java $JAVA_OPTS -jar ".length()).strip();
			Path built = Path.of(module, "target", module + "-" + version + "-exec.jar");
			assertThat(FileSystems.getDefault().getPathMatcher("glob:" + jarGlob).matches(built))
				.as("%s runs %s, which must match what Maven builds: %s", type, jarGlob, built)
				.isTrue();
			assertThat(RepositoryFiles.read(module + "/pom.xml")).as(module + " repackages an -exec.jar")
				.contains("<classifier>exec</classifier>");
		});
	}

	@Test
	void herokuRunsTheJavaVersionWeBuildFor() {
		String javaVersion = rootPomValue("java.version", "<java.version>([^<]+)</java.version>");
		assertThat(RepositoryFiles.properties("system.properties").getProperty("java.runtime.version"))
			.isEqualTo(javaVersion);
	}

	@Test
	void theApiListensOnHerokusPort() {
		assertThat(RepositoryFiles.properties("api-service/src/main/resources/klepp-api.properties")
			.getProperty("server.port")).isEqualTo("${PORT:8080}");
	}

	private static Map<String, String> processTypes() {
		Map<String, String> types = new LinkedHashMap<>();
		for (String line : RepositoryFiles.read("Procfile").lines().toList()) {
			if (line.isBlank()) {
				continue;
			}
			assertThat(line).matches("[a-z]+: .+");
			String[] entry = line.split(": ", 2);
			assertThat(types.put(entry[0], entry[1])).as("process type %s twice", entry[0]).isNull();
		}
		return types;
	}

	private static String rootPomValue(String what, String regex) {
		var matcher = Pattern.compile(regex).matcher(RepositoryFiles.read("pom.xml"));
		assertThat(matcher.find()).as(what + " in pom.xml").isTrue();
		return matcher.group(1).strip();
	}

}
