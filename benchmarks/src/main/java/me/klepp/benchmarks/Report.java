package me.klepp.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the run found, as Markdown: printed as it goes, and written to a file at the end so that it can be
 * pasted into {@code docs/benchmarks.md}.
 */
final class Report {

	private final StringBuilder text = new StringBuilder();

	private final List<String> verdicts = new ArrayList<>();

	private final Path file;

	Report(Path file) {
		this.file = file;
	}

	void line(String line) {
		System.out.println(line);
		System.out.flush();
		text.append(line).append('\n');
	}

	void heading(String heading) {
		line("");
		line(heading);
		line("");
	}

	/** A fenced block (plans, profiles). */
	void block(String content) {
		line("```");
		content.lines().forEach(this::line);
		line("```");
	}

	/** Progress on stderr only: not part of the report. */
	static void progress(String message) {
		System.err.println("[bench] " + message);
		System.err.flush();
	}

	/** A target's outcome, repeated in the summary at the end. */
	void verdict(String target, boolean met, String figure) {
		verdicts.add("| " + target + " | " + figure + " | " + (met ? "met" : "**not met**") + " |");
	}

	void summary() {
		heading("## Targets");
		line("| target | measured | |");
		line("|---|---|---|");
		verdicts.forEach(this::line);
	}

	void save() {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, text);
			progress("report written to " + file);
		}
		catch (IOException e) {
			progress("could not write " + file + ": " + e);
		}
	}

	static String ratio(double value, double baseline) {
		return baseline <= 0 ? "n/a" : "%.2f×".formatted(value / baseline);
	}

}
