package me.klepp.catalog.heroku;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A database given as one URL, {@code postgres://user:password@host:port/database}, as Heroku (and most
 * platforms after it) sets {@code DATABASE_URL}. JDBC and R2DBC each want their own URL with the credentials
 * apart.
 *
 * <p>
 * Heroku Postgres only accepts encrypted connections, so {@code sslmode} defaults to {@code require}; a
 * {@code ?sslmode=…} on the URL (e.g. {@code disable} for a database in docker-compose) replaces it.
 */
record DatabaseUrl(String host, int port, String database, String username, String password, String sslMode) {

	static final int DEFAULT_PORT = 5432;

	static final String DEFAULT_SSL_MODE = "require";

	static DatabaseUrl parse(String url) {
		URI uri;
		try {
			uri = new URI(url.trim());
		}
		catch (URISyntaxException e) {
			// The message would repeat the URL, password included.
			throw new IllegalArgumentException("DATABASE_URL is not a URL");
		}
		if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
			throw new IllegalArgumentException(
					"DATABASE_URL must be postgres://user:password@host:port/database, not " + uri.getScheme() + "://…");
		}
		if (uri.getHost() == null) {
			throw new IllegalArgumentException("DATABASE_URL has no host");
		}
		String path = uri.getRawPath() == null ? "" : uri.getRawPath();
		String database = decode(path.startsWith("/") ? path.substring(1) : path);
		if (database.isEmpty()) {
			throw new IllegalArgumentException("DATABASE_URL names no database");
		}
		String userInfo = uri.getRawUserInfo();
		String username = null;
		String password = null;
		if (userInfo != null) {
			int colon = userInfo.indexOf(':');
			username = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
			password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
		}
		return new DatabaseUrl(uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), database, username,
				password, sslModeOf(uri.getRawQuery()));
	}

	String jdbcUrl() {
		return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?sslmode=" + sslMode;
	}

	/** r2dbc-postgresql spells the option {@code sslMode}; the values are libpq's, as for JDBC. */
	String r2dbcUrl() {
		return "r2dbc:postgresql://" + host + ":" + port + "/" + database + "?sslMode=" + sslMode;
	}

	private static String sslModeOf(String query) {
		if (query == null) {
			return DEFAULT_SSL_MODE;
		}
		return Arrays.stream(query.split("&"))
			.filter(parameter -> parameter.regionMatches(true, 0, "sslmode=", 0, "sslmode=".length()))
			.map(parameter -> decode(parameter.substring("sslmode=".length())))
			.filter(mode -> !mode.isBlank())
			.findFirst()
			.orElse(DEFAULT_SSL_MODE);
	}

	/** Percent-decoding only: in a URL's user info and path a {@code +} is a plus, not a space. */
	private static String decode(String raw) {
		return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "postgres://" + username + "@" + host + ":" + port + "/" + database + " (sslmode " + sslMode + ")";
	}

}
