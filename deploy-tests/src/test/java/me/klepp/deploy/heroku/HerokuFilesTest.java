package me.klepp.deploy.heroku;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import me.klepp.deploy.support.RepositoryFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Procfile} and {@code system.properties}: Heroku builds the repository with the Maven wrapper and starts
 * one process type per service from the built {@code -exec.jar}s. Config vars are shared by all process types
 * of an app, so each process maps its own AWS key variables onto Spring Cloud AWS's (least privilege per
 * service; unset, the default AWS provider chain applies).
 */
class HerokuFilesTest {

	static final Map<String, String> MODULE_OF_PROCESS = Map.of("web", "api-service", "ingestor", "metadata-ingestor",
			"thumbnailer", "thumbnail-worker", "renditions", "rendition-worker");

	static final Pattern COMMAND = Pattern.compile(
			"SPRING_CLOUD_AWS_CREDENTIALS_ACCESS_KEY=\"\\$([A-Z]+)_AWS_ACCESS_KEY_ID\" "
					+ "SPRING_CLOUD_AWS_CREDENTIALS_SECRET_KEY=\"\\$([A-Z]+)_AWS_SECRET_ACCESS_KEY\" "
					+ "java \\$JAVA_OPTS -jar \\S+");

	@Test
	void theApiIsTheWebProcessAndEachWorkerHasItsOwnType() {
		assertThat(processTypes()).containsOnlyKeys(MODULE_OF_PROCESS.keySet());
	}

	@Test
	void eachProcessHasAwsKeysOfItsOwn() {
		Set<String> keyPrefixes = new HashSet<>();
		processTypes().forEach((type, command) -> {
			Matcher parts = COMMAND.matcher(command);
			assertThat(parts.matches()).as("%s: %s", type, command).isTrue();
			assertThat(parts.group(1)).as(type + ": key id and secret of one identity").isEqualTo(parts.group(2));
			assertThat(keyPrefixes.add(parts.group(1))).as(type + " shares AWS keys with another process").isTrue();
		});
	}

	/** Runs each command as Heroku would (bash), with a stand-in {@code java} that reports what it was given. */
	@Test
	void eachProcessStartsItsModulesExecutableJarWithItsKeys(@TempDir Path slug) throws Exception {
		String version = rootPomValue("<artifactId>klepp-parent</artifactId>\\s*<version>([^<]+)</version>");
		Path bin = Files.createDirectories(slug.resolve("bin"));
		Files.writeString(bin.resolve("java"), """
				#!/usr/bin/env bash
				echo "$SPRING_CLOUD_AWS_CREDENTIALS_ACCESS_KEY|$SPRING_CLOUD_AWS_CREDENTIALS_SECRET_KEY|$*"
				""");
		Files.setPosixFilePermissions(bin.resolve("java"), PosixFilePermissions.fromString("rwxr-xr-x"));
		for (String module : MODULE_OF_PROCESS.values()) {
			Path target = Files.createDirectories(slug.resolve(module).resolve("target"));
			// What the build leaves: the plain jar (for the one-JVM local run) and the executable one.
			Files.createFile(target.resolve(module + "-" + version + ".jar"));
			Files.createFile(target.resolve(module + "-" + version + "-exec.jar"));
			assertThat(RepositoryFiles.read(module + "/pom.xml")).as(module + " repackages an -exec.jar")
				.contains("<classifier>exec</classifier>");
		}

		for (var process : processTypes().entrySet()) {
			String prefix = COMMAND.matcher(process.getValue()).replaceAll("$1");
			String module = MODULE_OF_PROCESS.get(process.getKey());
			String started = run(slug, process.getValue(), Map.of("PATH", bin + ":" + System.getenv("PATH"),
					"JAVA_OPTS", "-Xss512k", prefix + "_AWS_ACCESS_KEY_ID", "id-of-" + prefix,
					prefix + "_AWS_SECRET_ACCESS_KEY", "secret-of-" + prefix));

			assertThat(started).as(process.getKey()).isEqualTo("id-of-%s|secret-of-%s|-Xss512k -jar %s/target/%s-%s-exec.jar",
					prefix, prefix, module, module, version);
		}
	}

	@Test
	void herokuRunsTheJavaVersionWeBuildFor() {
		String javaVersion = rootPomValue("<java.version>([^<]+)</java.version>");
		assertThat(RepositoryFiles.properties("system.properties").getProperty("java.runtime.version"))
			.isEqualTo(javaVersion);
	}

	@Test
	void theApiListensOnHerokusPort() {
		assertThat(RepositoryFiles.properties("api-service/src/main/resources/klepp-api.properties")
			.getProperty("server.port")).isEqualTo("${PORT:8080}");
	}

	private static String run(Path directory, String command, Map<String, String> environment) throws Exception {
		ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).directory(directory.toFile())
			.redirectErrorStream(true);
		builder.environment().clear();
		builder.environment().putAll(environment);
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output;
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

	private static String rootPomValue(String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(RepositoryFiles.read("pom.xml"));
		assertThat(matcher.find()).as(regex + " in pom.xml").isTrue();
		return matcher.group(1).strip();
	}

}
