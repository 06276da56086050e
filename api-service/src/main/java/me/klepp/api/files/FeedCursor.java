package me.klepp.api.files;

import java.util.Base64;
import java.util.UUID;

import me.klepp.api.problems.Problems;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the previous page ended: the sort, and the sort value and id of its last file. Opaque to clients
 * (base64url JSON); the next page starts strictly after that position, so it costs the same at any depth.
 */
record FeedCursor(String sort, String value, UUID id) {

	private static final JsonMapper json = JsonMapper.builder().build();

	String encode() {
		var node = json.createObjectNode().put("s", sort).put("v", value).put("id", id.toString());
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.writeValueAsBytes(node));
	}

	static FeedCursor decode(String cursor, FeedSort.Order order) {
		FeedCursor decoded;
		try {
			JsonNode node = json.readTree(Base64.getUrlDecoder().decode(cursor));
			decoded = new FeedCursor(node.get("s").asString(), node.get("v").isNull() ? null : node.get("v").asString(),
					UUID.fromString(node.get("id").asString()));
		}
		catch (RuntimeException malformed) {
			throw Problems.badRequest("cursor is malformed; pass next_cursor from the previous page unchanged");
		}
		if (!decoded.sort.equals(order.asParameter())) {
			throw Problems.badRequest("cursor was made for sort=" + decoded.sort + ", not sort=" + order.asParameter());
		}
		return decoded;
	}

	static String encode(FeedSort.Order order, String lastValue, UUID lastId) {
		return new FeedCursor(order.asParameter(), lastValue, lastId).encode();
	}


}
