package me.klepp.api.files;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Base64;
import java.util.UUID;

import me.klepp.api.problems.Problems;
import me.klepp.api.web.ClientText;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the previous page ended: the sort, and the sort value and id of its last file. Opaque to clients
 * (base64url JSON); the next page starts strictly after that position, so it costs the same at any depth.
 */
record FeedCursor(String sort, String value, UUID id) {

	private static final JsonMapper json = JsonMapper.builder().build();

	/** How PostgreSQL writes a {@code timestamptz} as text (ISO style), e.g. {@code 2026-12-02 07:42:02.123456+00}. */
	private static final DateTimeFormatter POSTGRES_TIMESTAMPTZ = new DateTimeFormatterBuilder()
		.appendPattern("uuuu-MM-dd HH:mm:ss")
		.optionalStart()
		.appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
		.optionalEnd()
		.appendOffset("+HH:mm:ss", "+00")
		.toFormatter()
		.withResolverStyle(ResolverStyle.STRICT);

	String encode() {
		var node = json.createObjectNode().put("s", sort).put("v", value).put("id", id.toString());
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.writeValueAsBytes(node));
	}

	static FeedCursor decode(String cursor, FeedSort.Order order) {
		FeedCursor decoded;
		try {
			JsonNode node = json.readTree(Base64.getUrlDecoder().decode(cursor));
			decoded = new FeedCursor(text(node, "s"), text(node, "v"), UUID.fromString(text(node, "id")));
		}
		catch (RuntimeException malformed) {
			throw malformed();
		}
		if (!decoded.sort.equals(order.asParameter())) {
			throw Problems.badRequest("cursor was made for sort=" + decoded.sort + ", not sort=" + order.asParameter());
		}
		if (!fits(order.sort(), decoded.value)) {
			throw malformed();
		}
		return decoded;
	}

	/** A member that must be a JSON string: numbers, null and the like come from no cursor the API made. */
	private static String text(JsonNode node, String member) {
		JsonNode value = node.get(member);
		if (value == null || !value.isString()) {
			throw new IllegalArgumentException("cursor member " + member + " is not a string");
		}
		return value.asString();
	}

	/**
	 * Whether the value is one PostgreSQL casts to the sort's type, as the API writes them: the SQL casts it, and a
	 * failed cast would fail the whole request.
	 */
	private static boolean fits(FeedSort sort, String value) {
		try {
			switch (sort.sqlType) {
				case "bigint" -> Long.parseLong(value);
				case "timestamptz" -> {
					int year = OffsetDateTime.parse(value, POSTGRES_TIMESTAMPTZ).getYear();
					if (year < 1 || year > 9999) {
						return false;
					}
				}
				default -> {
					return !ClientText.hasNul(value);
				}
			}
			return true;
		}
		catch (DateTimeParseException | NumberFormatException wrongType) {
			return false;
		}
	}

	private static org.springframework.web.ErrorResponseException malformed() {
		return Problems.badRequest("cursor is malformed; pass next_cursor from the previous page unchanged");
	}

	static String encode(FeedSort.Order order, String lastValue, UUID lastId) {
		return new FeedCursor(order.asParameter(), lastValue, lastId).encode();
	}


}
