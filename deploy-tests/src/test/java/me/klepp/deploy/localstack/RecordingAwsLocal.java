package me.klepp.deploy.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A stand-in for LocalStack's {@code awslocal} that records every call and answers the few values an init script
 * reads back (queue URLs and ARNs, the topic ARN) the way LocalStack would. Running a script with it on the
 * {@code PATH} shows exactly which resources the script would create, without Docker.
 */
final class RecordingAwsLocal {

	static final String ACCOUNT = "000000000000";

	// One file per call, arguments NUL-separated: JSON arguments survive untouched.
	private static final String SCRIPT = """
			#!/usr/bin/env bash
			set -euo pipefail
			calls="$(dirname "$0")/calls"
			mkdir -p "$calls"
			n=$(find "$calls" -type f | wc -l)
			printf '%s\\0' "$@" > "$calls/$(printf '%05d' "$n")"
			option() {
			  local name=$1; shift
			  while [ $# -gt 1 ]; do
			    if [ "$1" = "$name" ]; then echo "$2"; return 0; fi
			    shift
			  done
			  echo "awslocal stand-in: $name missing" >&2; return 2
			}
			case "$1 $2" in
			  "sqs create-queue") echo "http://sqs.$AWS_DEFAULT_REGION.localhost.localstack.cloud:4566/ACCOUNT_ID/$(option --queue-name "$@")" ;;
			  "sqs get-queue-attributes") url=$(option --queue-url "$@"); echo "arn:aws:sqs:$AWS_DEFAULT_REGION:ACCOUNT_ID:${url##*/}" ;;
			  "sns create-topic") echo "arn:aws:sns:$AWS_DEFAULT_REGION:ACCOUNT_ID:$(option --name "$@")" ;;
			  "sns subscribe") echo "$(option --topic-arn "$@"):subscription-$n" ;;
			esac
			""".replace("ACCOUNT_ID", ACCOUNT);

	private final Path dir;

	RecordingAwsLocal(Path dir) throws IOException {
		this.dir = dir;
		Path executable = dir.resolve("awslocal");
		Files.writeString(executable, SCRIPT);
		Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwxr-xr-x"));
	}

	/** Runs {@code script} with this stand-in as {@code awslocal}; returns what it printed. */
	Run run(Path script, Map<String, String> environment) throws IOException, InterruptedException {
		ProcessBuilder process = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
		process.environment().remove("AWS_DEFAULT_REGION");
		process.environment().putAll(environment);
		process.environment().put("PATH", dir + ":" + System.getenv("PATH"));
		Process running = process.start();
		if (!running.waitFor(60, TimeUnit.SECONDS)) {
			running.destroyForcibly();
			throw new IllegalStateException(script + " did not finish within 60 s");
		}
		String output = new String(running.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		return new Run(running.exitValue(), output, calls());
	}

	private List<AwsCall> calls() throws IOException {
		Path calls = dir.resolve("calls");
		if (!Files.isDirectory(calls)) {
			return List.of();
		}
		List<AwsCall> recorded = new ArrayList<>();
		try (Stream<Path> files = Files.list(calls).sorted()) {
			for (Path file : files.toList()) {
				String raw = Files.readString(file);
				recorded.add(new AwsCall(Arrays.asList(raw.substring(0, raw.length() - 1).split("\0", -1))));
			}
		}
		return recorded;
	}

	record Run(int exitCode, String output, List<AwsCall> calls) {
	}

}
