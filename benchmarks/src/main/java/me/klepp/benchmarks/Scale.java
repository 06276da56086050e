package me.klepp.benchmarks;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How big and how long. The defaults are the sizes; {@code --quick} is a smoke run of the whole suite in
 * about two minutes. Every figure can be overridden: {@code --clips=100000 --users=50 --tags=200 --likes=500000
 * --seconds=30 --connections=64 --events=10000 --upload-mib=2048 --uploads=1 --deep=90000}; {@code --only=feed,presign,ingest,upload}
 * runs some phases; {@code --keep} keeps the working directory (service logs, JFR recordings).
 */
record Scale(int clips, int users, int tags, int likes, Duration loadDuration, Duration warmUp, int connections,
		int events, long uploadBytes, int uploads, int deepPosition, boolean quick, Path repository, Path report,
		java.util.Set<String> phases, boolean keep) {

	static Scale parse(String[] args) {
		boolean quick = false;
		boolean keep = false;
		for (String arg : args) {
			if (arg.equals("--quick")) {
				quick = true;
			}
			if (arg.equals("--keep")) {
				keep = true;
			}
		}
		java.util.Set<String> phases = java.util.Set.of("feed", "presign", "ingest", "upload");
		int clips = quick ? 10_000 : 100_000;
		int users = 50;
		int tags = 200;
		int likes = quick ? 50_000 : 500_000;
		int seconds = quick ? 5 : 30;
		int warmUpSeconds = quick ? 3 : 10;
		int connections = 64;
		int events = quick ? 2_000 : 10_000;
		long uploadMib = quick ? 256 : 2048;
		int uploads = 1;
		Integer deep = null;
		Path repository = Path.of("").toAbsolutePath();
		Path report = null;
		for (String arg : args) {
			if (arg.equals("--quick") || arg.equals("--keep")) {
				continue;
			}
			String[] kv = arg.replaceFirst("^--", "").split("=", 2);
			if (kv.length != 2) {
				throw new IllegalArgumentException("unknown argument " + arg + "; see README, Benchmarks");
			}
			switch (kv[0]) {
				case "clips" -> clips = Integer.parseInt(kv[1]);
				case "users" -> users = Integer.parseInt(kv[1]);
				case "tags" -> tags = Integer.parseInt(kv[1]);
				case "likes" -> likes = Integer.parseInt(kv[1]);
				case "seconds" -> seconds = Integer.parseInt(kv[1]);
				case "warm-up-seconds" -> warmUpSeconds = Integer.parseInt(kv[1]);
				case "connections" -> connections = Integer.parseInt(kv[1]);
				case "events" -> events = Integer.parseInt(kv[1]);
				case "upload-mib" -> uploadMib = Long.parseLong(kv[1]);
				case "uploads" -> uploads = Integer.parseInt(kv[1]);
				case "deep" -> deep = Integer.parseInt(kv[1]);
				case "repository" -> repository = Path.of(kv[1]).toAbsolutePath();
				case "report" -> report = Path.of(kv[1]).toAbsolutePath();
				case "only" -> phases = java.util.Set.of(kv[1].split(","));
				default -> throw new IllegalArgumentException("unknown argument " + arg + "; see README, Benchmarks");
			}
		}
		int deepPosition = deep != null ? deep : clips * 9 / 10;
		if (report == null) {
			report = repository.resolve("benchmarks/target/benchmark-report.md");
		}
		return new Scale(clips, users, tags, likes, Duration.ofSeconds(seconds), Duration.ofSeconds(warmUpSeconds),
				connections, events, uploadMib * 1024 * 1024, uploads, deepPosition, quick, repository, report, phases, keep);
	}

	@Override
	public String toString() {
		return "%,d clips, %d users, %d tags, %,d likes; %d connections for %d s per scenario (warm-up %d s); %,d S3 events; %,d MiB upload"
			.formatted(clips, users, tags, likes, connections, loadDuration.toSeconds(), warmUp.toSeconds(), events,
					uploadBytes / 1024 / 1024);
	}

}
