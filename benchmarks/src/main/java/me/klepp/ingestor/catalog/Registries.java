package me.klepp.ingestor.catalog;

import me.klepp.ingestor.storage.S3Properties;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The benchmark's window into the ingestor (same package as {@link ObjectRegistry}'s package-private
 * constructor): its own registry code on a plain connection pool, for the "SQL alone" ingest baseline.
 */
public final class Registries {

	private Registries() {
	}

	public static ObjectRegistry on(JdbcClient jdbc) {
		return new ObjectRegistry(jdbc, new S3Properties(null, true, "klepp-media", "klepp-media-derived"));
	}

}
