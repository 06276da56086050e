package me.klepp.devstack.userpool;

import java.util.Map;

/** One operation's JSON input, with Cognito's wording for what is missing. */
record UserPoolRequest(Map<String, Object> body) {

	String required(String name) {
		return requiredIn(body, name, name);
	}

	String optional(String name) {
		Object value = body.get(name);
		return value instanceof String text && !text.isEmpty() ? text : null;
	}

	/** A string member of a nested map such as {@code AuthParameters}. */
	String required(String map, String name) {
		return requiredIn(nested(map), name, map + "." + name);
	}

	Map<String, Object> nested(String name) {
		Object value = body.get(name);
		if (value instanceof Map<?, ?> map) {
			@SuppressWarnings("unchecked")
			Map<String, Object> members = (Map<String, Object>) map;
			return members;
		}
		return Map.of();
	}

	private static String requiredIn(Map<String, Object> members, String name, String path) {
		Object value = members.get(name);
		if (value instanceof String text && !text.isEmpty()) {
			return text;
		}
		throw UserPoolException.invalidParameter("1 validation error detected: Value at '" + path
				+ "' failed to satisfy constraint: Member must not be null");
	}

}
