package me.klepp.api.files;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import me.klepp.api.problems.Problems;

/**
 * The feed's sort keys. Only these reach SQL, as fixed expressions; a request names them, never writes them.
 * Every order ends with the file id, so equal values page stably.
 */
enum FeedSort {

	UPLOADED_AT("uploaded_at", "f.uploaded_at", "timestamptz"),
	LIKES("likes", "f.like_count", "bigint"),
	DISPLAY_NAME("display_name", "lower(f.display_name)", "text"),
	USERNAME("username", "coalesce(lower(u.name), '')", "text"),
	SIZE("size", "coalesce(f.size_bytes, 0)", "bigint"),
	DURATION("duration", "coalesce(f.duration_ms, -1)", "bigint");

	final String key;

	final String expression;

	final String sqlType;

	FeedSort(String key, String expression, String sqlType) {
		this.key = key;
		this.expression = expression;
		this.sqlType = sqlType;
	}

	/** A sort key and direction, e.g. {@code -likes} for most liked first. */
	record Order(FeedSort sort, boolean descending) {

		static final Order DEFAULT = new Order(UPLOADED_AT, true);

		static Order parse(String value) {
			if (value == null || value.isBlank()) {
				return DEFAULT;
			}
			boolean descending = value.startsWith("-");
			String key = (descending ? value.substring(1) : value).trim().toLowerCase(Locale.ROOT);
			return Arrays.stream(values())
				.filter(sort -> sort.key.equals(key))
				.findFirst()
				.map(sort -> new Order(sort, descending))
				.orElseThrow(() -> Problems.badRequest("unknown sort key '" + value + "'; use one of "
						+ Arrays.stream(values()).map(s -> s.key).collect(Collectors.joining(", "))
						+ ", with a leading '-' for descending"));
		}

		String asParameter() {
			return (descending ? "-" : "") + sort.key;
		}

	}

}
