package me.klepp.deploy.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Files of this repository, found from wherever the tests run (the module directory under Maven). */
public final class RepositoryFiles {

	private static final Path ROOT = findRoot();

	private RepositoryFiles() {
	}

	public static Path root() {
		return ROOT;
	}

	public static Path path(String relative) {
		return ROOT.resolve(relative);
	}

	public static String read(String relative) {
		try {
			return Files.readString(path(relative));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public static Properties properties(String relative) {
		Properties properties = new Properties();
		try (var in = Files.newBufferedReader(path(relative))) {
			properties.load(in);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return properties;
	}

	private static Path findRoot() {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve(".mvn"))) {
				return dir;
			}
		}
		throw new IllegalStateException("no klepp checkout above " + Path.of("").toAbsolutePath());
	}

}
