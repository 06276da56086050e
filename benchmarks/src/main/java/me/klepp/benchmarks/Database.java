package me.klepp.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The catalog database over JDBC: seeding, plans, and the API's statements with their named binds. */
final class Database {

	private static final Pattern NAMED_BIND = Pattern.compile("(?<!:):([A-Za-z_][A-Za-z0-9_]*)");

	private final String url;

	Database(String url) {
		this.url = url;
	}

	int port() {
		Matcher m = Pattern.compile("//[^:/]+:(\\d+)/").matcher(url);
		if (!m.find()) {
			throw new IllegalStateException("no port in " + url);
		}
		return Integer.parseInt(m.group(1));
	}

	Connection connect() throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", "postgres");
		properties.setProperty("password", "");
		// Strings as untyped parameters, as the R2DBC driver and pgbench send them: the server infers the type.
		properties.setProperty("stringtype", "unspecified");
		return DriverManager.getConnection(url, properties);
	}

	void execute(String... statements) throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

	long queryLong(String sql, Object... params) throws SQLException {
		try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < params.length; i++) {
				statement.setObject(i + 1, params[i]);
			}
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

	/** Runs a statement of the API (named binds) and returns its rows as column lists. */
	List<List<Object>> query(String sql, Map<String, Object> binds) throws SQLException {
		try (Connection connection = connect(); PreparedStatement statement = prepare(connection, sql, binds);
				ResultSet rs = statement.executeQuery()) {
			List<List<Object>> rows = new ArrayList<>();
			int columns = rs.getMetaData().getColumnCount();
			while (rs.next()) {
				List<Object> row = new ArrayList<>();
				for (int i = 1; i <= columns; i++) {
					row.add(rs.getObject(i));
				}
				rows.add(row);
			}
			return rows;
		}
	}

	/** {@code EXPLAIN (ANALYZE, BUFFERS)} of a statement of the API with its binds. */
	String explain(String sql, Map<String, Object> binds) throws SQLException {
		StringBuilder plan = new StringBuilder();
		for (List<Object> row : query("explain (analyze, buffers) " + sql, binds)) {
			plan.append(row.get(0)).append('\n');
		}
		return plan.toString();
	}

	/** The value of one column of a statement of the API, by column label, for each row. */
	List<Object> column(String sql, Map<String, Object> binds, String label) throws SQLException {
		try (Connection connection = connect(); PreparedStatement statement = prepare(connection, sql, binds);
				ResultSet rs = statement.executeQuery()) {
			List<Object> values = new ArrayList<>();
			while (rs.next()) {
				values.add(rs.getObject(label));
			}
			return values;
		}
	}

	private static PreparedStatement prepare(Connection connection, String sql, Map<String, Object> binds)
			throws SQLException {
		List<String> order = new ArrayList<>();
		Matcher m = NAMED_BIND.matcher(sql);
		StringBuilder positional = new StringBuilder();
		while (m.find()) {
			order.add(m.group(1));
			m.appendReplacement(positional, "?");
		}
		m.appendTail(positional);
		PreparedStatement statement = connection.prepareStatement(positional.toString());
		for (int i = 0; i < order.size(); i++) {
			if (!binds.containsKey(order.get(i))) {
				throw new IllegalArgumentException("no bind :" + order.get(i) + " for " + sql);
			}
			Object value = binds.get(order.get(i));
			if (value instanceof String[] strings) {
				statement.setArray(i + 1, connection.createArrayOf("text", strings));
			}
			else if (value instanceof UUID[] uuids) {
				statement.setArray(i + 1, connection.createArrayOf("uuid", uuids));
			}
			else {
				statement.setObject(i + 1, value);
			}
		}
		return statement;
	}

}
