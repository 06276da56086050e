package me.klepp.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import me.klepp.api.files.FeedStatements;
import me.klepp.api.files.FeedStatements.Statement;

/**
 * {@code GET /api/v2/files} under load, each scenario next to the same SQL run raw by pgbench: the statements
 * the API issues for that request (count, page, then the page's tags and likes), with the same binds, on as many
 * connections. The requests are the frontend's: signed in, {@code limit=12}.
 */
final class FeedBench {

	static final String CALLER = "friend01";

	static final int LIMIT = 12;

	/** Connections of the second, lighter API run: a busy evening of a friends' group rather than a flood. */
	static final int MODERATE = 8;

	private static final Pattern TOTAL = Pattern.compile("\"total_count\":(\\d+)");

	private static final Pattern PATH = Pattern.compile("\"path\":\"([^\"]+)\"");

	private final Report report;

	private final Scale scale;

	private final Database db;

	private final ServiceJvm api;

	private final int apiPort;

	private final String token;

	private final Path workDir;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	FeedBench(Report report, Scale scale, Database db, ServiceJvm api, int apiPort, String token, Path workDir) {
		this.report = report;
		this.scale = scale;
		this.db = db;
		this.api = api;
		this.apiPort = apiPort;
		this.token = token;
		this.workDir = workDir;
	}

	/**
	 * @param statements what the API issues per request, in order
	 * @param count the full count, which the API runs when it has no valid count to reuse
	 */
	record Scenario(String name, String query, List<Statement> statements, Statement count) {
	}

	record Outcome(Scenario scenario, Pgbench.Result sql, Wrk.Result api, Wrk.Result moderate, Wrk.Result unloaded,
			Profile profile) {
	}

	List<Outcome> run() throws Exception {
		String tag = (String) db.query("""
				select t.name from tag t join media_file_tag ft on ft.tag_id = t.id
				group by t.name order by count(*) desc limit 1""", Map.of()).get(0).get(0);
		long tagged = db.queryLong("select count(*) from media_file_tag ft join tag t on t.id = ft.tag_id where t.name = ?",
				tag);
		int deep = scale.deepPosition();
		Statement position = FeedStatements.countAndPage(CALLER, null, null, deep - 1, 1, null).get(1);
		String cursor = FeedStatements.cursor("-uploaded_at",
				(String) db.column(position.sql(), position.binds(), "sort_value").get(0),
				(UUID) db.column(position.sql(), position.binds(), "id").get(0));
		List<Scenario> scenarios = List.of(
				scenario("default sort, page 1", "offset=0&limit=" + LIMIT, null, null, 0, null),
				scenario("sort by likes, page 1", "sort=-likes&offset=0&limit=" + LIMIT, "-likes", null, 0, null),
				scenario("filter by tag, page 1", "tag=" + tag + "&offset=0&limit=" + LIMIT, null, tag, 0, null),
				scenario("cursor at %,d".formatted(deep), "limit=" + LIMIT + "&cursor=" + cursor, null, null, 0, cursor),
				scenario("offset %,d".formatted(deep), "offset=" + deep + "&limit=" + LIMIT, null, null, deep, null));

		report.heading("## Feed: `GET /api/v2/files`");
		report.line(("Signed in as `%s` (not a moderator), `limit=%d` as the frontend pages. The tag filter uses `%s`, "
				+ "the most used tag (%,d files). Raw SQL: pgbench runs, as one transaction per request, the statements "
				+ "the API issues for it (with its total_count remembered: the check that it still holds; the page with its "
				+ "tags and likes, from the feed's own `FeedSql`), prepared, with the same binds. Both sides: %d connections, %d s after a %d s warm-up; client, API and PostgreSQL share the "
				+ "machine's cores.").formatted(CALLER, LIMIT, tag, tagged, scale.connections(),
						scale.loadDuration().toSeconds(), scale.warmUp().toSeconds()));
		checkCursorMatchesOffset(scenarios.get(3), scenarios.get(4));

		warmUp(scenarios.subList(0, 4));
		floor();

		List<Outcome> outcomes = new ArrayList<>();
		Set<String> explained = new HashSet<>();
		for (Scenario scenario : scenarios) {
			outcomes.add(run(scenario, explained));
		}
		summary(outcomes);
		return outcomes;
	}

	private Scenario scenario(String name, String query, String sort, String tag, int offset, String cursor)
			throws Exception {
		List<Statement> countAndPage = FeedStatements.countAndPage(CALLER, sort, tag, offset, LIMIT, cursor);
		Statement count = countAndPage.get(0);
		Statement page = countAndPage.get(1);
		String snapshot = (String) db.column(count.sql(), count.binds(), "snapshot").get(0);
		// What the API issues per request once it remembers the count: the check instead of the count, and the
		// page with its tags and likes.
		List<Statement> statements = List.of(FeedStatements.countCheck(snapshot), page);
		return new Scenario(name, query, statements, count);
	}

	private Outcome run(Scenario scenario, Set<String> explained) throws Exception {
		Report.progress("feed: " + scenario.name());
		String body = get(scenario.query());
		Matcher total = TOTAL.matcher(body);
		if (!total.find()) {
			throw new IllegalStateException("no total_count in " + body);
		}
		int items = (int) PATH.matcher(body).results().count();
		report.heading("### " + scenario.name() + ": `?" + abbreviated(scenario.query()) + "`");
		report.line("Answer: %d files of total_count %s, %,d bytes of JSON.".formatted(items, total.group(1),
				body.length()));

		CpuShares sqlStart = CpuShares.now(Map.of());
		Pgbench.Result sql = Pgbench.run(scenario.statements(), db.port(), scale.connections(), scale.loadDuration(),
				workDir);
		String sqlCpu = CpuShares.now(Map.of()).since(sqlStart);
		Pgbench.Result sqlAlone = Pgbench.run(scenario.statements(), db.port(), 1, unloadedDuration(), workDir);
		String url = "http://127.0.0.1:" + apiPort + "/api/v2/files?" + scenario.query();
		List<String> headers = List.of("Authorization: Bearer " + token);
		Wrk.run(url, scale.connections(), scale.warmUp(), headers, null, workDir);
		java.time.Instant from = java.time.Instant.now();
		CpuShares loadStart = CpuShares.now(Map.of("API JVM", api.pid()));
		Wrk.Result load = Wrk.run(url, scale.connections(), scale.loadDuration(), headers, null, workDir);
		String loadCpu = CpuShares.now(Map.of("API JVM", api.pid())).since(loadStart);
		Profile profile = api.profile(from, java.time.Instant.now(), workDir);
		Wrk.Result moderate = Wrk.run(url, MODERATE, unloadedDuration(), headers, null, workDir);
		Wrk.Result unloaded = Wrk.run(url, 1, unloadedDuration(), headers, null, workDir);

		report.line("");
		report.line("| | throughput | p50 / p99 | |");
		report.line("|---|---|---|---|");
		report.line("| raw SQL (pgbench, %d conn.) | %,.0f requests/s | %s | baseline |".formatted(scale.connections(),
				sql.tps(), sql.latencies()));
		report.line("| API (wrk, %d conn.) | %,.0f requests/s | %s | %s of raw SQL%s |".formatted(scale.connections(),
				load.requestsPerSecond(), load.latencies(), Report.ratio(load.requestsPerSecond(), sql.tps()),
				load.failures() > 0 ? "; **%d failed**".formatted(load.failures()) : ""));
		report.line("| API (wrk, %d conn.) | %,.0f requests/s | %s | |".formatted(MODERATE, moderate.requestsPerSecond(),
				moderate.latencies()));
		report.line("| raw SQL (pgbench, 1 conn.) | %,.0f requests/s | %s | unloaded |".formatted(sqlAlone.tps(),
				sqlAlone.latencies()));
		report.line("| API (wrk, 1 conn.) | %,.0f requests/s | %s | unloaded, %s of raw SQL |".formatted(
				unloaded.requestsPerSecond(), unloaded.latencies(),
				Report.ratio(unloaded.requestsPerSecond(), sqlAlone.tps())));
		report.line("");
		report.line("Time per statement (pgbench `-r`), one connection: " + Pgbench.describe(sqlAlone.statementMs())
				+ "; %d connections: ".formatted(scale.connections()) + Pgbench.describe(sql.statementMs()) + ".");
		report.line("");
		report.line("CPU during the raw-SQL run: " + sqlCpu + ". During the API run: " + loadCpu + ".");
		report.line("");
		report.line("API CPU profile (JFR, during the %d-connection run):".formatted(scale.connections()));
		report.block(profile.breakdown(8) + "\n" + profile.hottestMethods(6));
		for (Statement statement : List.of(scenario.count(), scenario.statements().get(0), scenario.statements().get(1))) {
			if (explained.add(statement.sql())) {
				report.line("`EXPLAIN (ANALYZE, BUFFERS)` of the " + statement.name() + " statement:");
				report.block(statement.sql() + "\n\n" + db.explain(statement.sql(), statement.binds()));
			}
		}
		return new Outcome(scenario, sql, load, moderate, unloaded, profile);
	}

	/** Lets the JIT compile the request path before anything is measured: the cheap requests in turn. */
	private void warmUp(List<Scenario> scenarios) throws Exception {
		Report.progress("feed: warming the API up until its throughput settles");
		StringBuilder lua = new StringBuilder("local paths = {");
		for (Scenario scenario : scenarios) {
			lua.append("\"/api/v2/files?").append(scenario.query()).append("\",");
		}
		lua.append("}\nlocal i = 0\nrequest = function()\n  i = i + 1\n"
				+ "  return wrk.format(nil, paths[(i % #paths) + 1])\nend\n");
		Duration round = Duration.ofSeconds(scale.quick() ? 5 : 10);
		List<Double> rates = Wrk.warmUp(api, "http://127.0.0.1:" + apiPort + "/", scale.connections(), round,
				scale.quick() ? 4 : 30, List.of("Authorization: Bearer " + token), lua.toString(), workDir);
		report.line("");
		report.line(("Before measuring, these four requests in turn warmed the API up in %d-s rounds until its JIT "
				+ "compiled fewer than 100 methods in a round: %s requests/s. (With the load, the API and PostgreSQL on "
				+ "the same two cores, the JIT compiler gets little CPU, and a cold API is several times slower: it "
				+ "compiles some 25,000 methods over the first minutes.)").formatted(round.toSeconds(), Wrk.rates(rates)));
	}

	/** What the API's HTTP stack does with a request that needs neither a token nor the database. */
	private void floor() throws Exception {
		String url = "http://127.0.0.1:" + apiPort + "/actuator/health/liveness";
		Wrk.run(url, scale.connections(), scale.warmUp(), List.of(), null, workDir);
		CpuShares start = CpuShares.now(Map.of("API JVM", api.pid()));
		Wrk.Result floor = Wrk.run(url, scale.connections(), scale.loadDuration(), List.of(), null, workDir);
		String cpu = CpuShares.now(Map.of("API JVM", api.pid())).since(start);
		report.line("");
		report.line(("For scale: the API's liveness probe (`GET /actuator/health/liveness`: no token, no database, "
				+ "a few bytes) answers %,.0f requests/s, p50 / p99 %s, at %d connections on this machine (%s), the "
				+ "most any request of this API could do here.").formatted(floor.requestsPerSecond(), floor.latencies(),
						scale.connections(), cpu));
	}

	private Duration unloadedDuration() {
		return Duration.ofSeconds(scale.quick() ? 3 : 10);
	}

	private void summary(List<Outcome> outcomes) {
		report.heading("### Feed summary");
		report.line(("| scenario | raw SQL req/s | API req/s | API / SQL | API p50 / p99 (%d conn.) | API p50 / p99 (%d conn.) "
				+ "| API p50 / p99 (1 conn.) |").formatted(scale.connections(), MODERATE));
		report.line("|---|---|---|---|---|---|---|");
		for (Outcome o : outcomes) {
			report.line("| %s | %,.0f | %,.0f | %s | %s | %s | %s |".formatted(o.scenario().name(), o.sql().tps(),
					o.api().requestsPerSecond(), Report.ratio(o.api().requestsPerSecond(), o.sql().tps()),
					o.api().latencies(), o.moderate().latencies(), o.unloaded().latencies()));
		}
		for (Outcome o : outcomes) {
			double share = o.api().requestsPerSecond() / o.sql().tps();
			report.verdict("feed, " + o.scenario().name() + ": API ≥ 50% of raw SQL", share >= 0.5,
					"%,.0f vs %,.0f req/s (%.0f%%)".formatted(o.api().requestsPerSecond(), o.sql().tps(), share * 100));
		}
		for (Outcome o : outcomes) {
			report.verdict("feed, " + o.scenario().name() + ": p99 < 30 ms",
					o.api().p99Ms() < 30 && o.api().failures() == 0,
					"p99 %s at %d conn.%s (%.1f ms at %d, %.1f ms at 1)".formatted(
							o.api().requests() == 0 ? "n/a" : "%.1f ms".formatted(o.api().p99Ms()), scale.connections(),
							o.api().failures() > 0 ? ", %d requests failed or timed out".formatted(o.api().failures()) : "",
							o.moderate().p99Ms(), MODERATE, o.unloaded().p99Ms()));
		}
		Outcome first = outcomes.get(0);
		Outcome cursor = outcomes.get(3);
		double slower = first.api().requestsPerSecond() / cursor.api().requestsPerSecond();
		double slowerUnloaded = cursor.unloaded().p50Ms() / first.unloaded().p50Ms();
		report.verdict("feed, cursor at depth %,d within 2× of page 1".formatted(scale.deepPosition()),
				slower <= 2 && slowerUnloaded <= 2, "%.2f× the time per request under load, %.2f× unloaded p50"
					.formatted(slower, slowerUnloaded));
	}

	private void checkCursorMatchesOffset(Scenario cursor, Scenario offset) throws Exception {
		Matcher a = PATH.matcher(get(cursor.query()));
		Matcher b = PATH.matcher(get(offset.query()));
		if (!a.find() || !b.find() || !a.group(1).equals(b.group(1))) {
			throw new IllegalStateException("the cursor page and the offset page at the same position differ");
		}
		report.line("");
		report.line("The cursor page and the offset page at position %,d start with the same file (checked)."
			.formatted(scale.deepPosition()));
	}

	private String get(String query) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/api/v2/files?" + query))
			.header("Authorization", "Bearer " + token)
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("GET ?" + query + " answered " + response.statusCode() + ": "
					+ response.body());
		}
		return response.body();
	}

	private static String abbreviated(String query) {
		return query.replaceAll("cursor=([^&]{12})[^&]*", "cursor=$1…");
	}

}
