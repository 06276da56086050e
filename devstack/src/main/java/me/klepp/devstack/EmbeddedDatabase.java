package me.klepp.devstack;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A real PostgreSQL server from binaries on the classpath; kept in a directory when given one. */
final class EmbeddedDatabase implements AutoCloseable {

	static final String DATABASE = "klepp";

	static final String USER = "postgres";

	private final EmbeddedPostgres postgres;

	EmbeddedDatabase(int port, Path dataDir) throws IOException, SQLException {
		var builder = EmbeddedPostgres.builder().setPort(port);
		if (dataDir != null) {
			builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
		}
		this.postgres = builder.start();
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			var exists = statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'");
			if (!exists.next()) {
				statement.execute("create database " + DATABASE);
			}
		}
	}

	int port() {
		return postgres.getPort();
	}

	String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
	}

	String r2dbcUrl() {
		return "r2dbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
	}

	@Override
	public void close() throws IOException {
		postgres.close();
	}

}
