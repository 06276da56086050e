package me.klepp.local.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import me.klepp.devstack.Devstack;
import me.klepp.devstack.KleppResources;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** What fault tests do and check, over the stack's own (un-proxied) connections. */
final class FaultScenarios {

	static final JsonMapper json = JsonMapper.builder().build();

	static final HttpClient http = HttpClient.newHttpClient();

	private static final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread thread = new Thread(r, "fault-scheduler");
		thread.setDaemon(true);
		return thread;
	});

	private FaultScenarios() {
	}

	/** Ends a fault after {@code duration}: the outage itself, not a wait for a result. */
	static void after(Duration duration, Runnable restore) {
		scheduler.schedule(restore, duration.toMillis(), TimeUnit.MILLISECONDS);
	}

	static Connection database(Devstack stack) throws SQLException {
		return DriverManager.getConnection(stack.jdbcUrl(), "postgres", "");
	}

	/** The row of a file: upload and processing state, or null when there is none. */
	static Map<String, Object> row(Devstack stack, String key) throws SQLException {
		try (Connection connection = database(stack);
				var query = connection.prepareStatement("""
						select upload_state, processing_state, thumbnail_key, size_bytes,
						       (select count(*) from media_file where object_key = ?) as copies
						from media_file where object_key = ?""")) {
			query.setString(1, key);
			query.setString(2, key);
			var rs = query.executeQuery();
			if (!rs.next()) {
				return null;
			}
			return Map.of("upload_state", rs.getString(1), "processing_state", rs.getString(2),
					"thumbnail", String.valueOf(rs.getString(3)), "size", rs.getLong(4), "copies", rs.getLong(5));
		}
	}

	static boolean uploadedAndProcessed(Map<String, Object> row) {
		return row != null && "uploaded".equals(row.get("upload_state")) && "done".equals(row.get("processing_state"));
	}

	static int messages(Devstack stack, String queue) {
		return stack.messagesIn(queue);
	}

	static int inFlight(Devstack stack, String queue) {
		return stack.messagesInFlight(queue);
	}

	static void assertNothingDeadLettered(Devstack stack) {
		for (String queue : KleppResources.QUEUES) {
			assertThat(messages(stack, KleppResources.deadLetterQueue(queue))).as(queue + " dead letters").isZero();
		}
	}

	/** Announces an upload through the API and returns the ticket. */
	static JsonNode announce(Devstack stack, int apiPort, String user, String filename, long size) throws Exception {
		var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/api/v2/uploads"))
			.header("Authorization", "Bearer " + stack.accessToken(user))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(
					Map.of("filename", filename, "content_type", "video/mp4", "size", size))))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return json.readTree(response.body());
	}

	/** A PUT with the ticket's URL and every header it names (but Content-Length, the body's own). */
	static int put(JsonNode ticket, byte[] bytes) throws Exception {
		var request = HttpRequest.newBuilder(URI.create(ticket.get("upload_url").asString()))
			.PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
		ticket.get("headers").properties().forEach(h -> {
			if (!h.getKey().equalsIgnoreCase("content-length")) {
				request.header(h.getKey(), h.getValue().asString());
			}
		});
		return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

}
