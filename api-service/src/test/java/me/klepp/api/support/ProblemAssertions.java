package me.klepp.api.support;

import java.util.Map;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** What every error body of the API must be: an RFC 9457 problem detail without null members. */
public final class ProblemAssertions {

	private ProblemAssertions() {
	}

	public static void assertValidProblem(JsonNode problem, int status) {
		assertThat(problem.get("status").asInt()).as(problem.toString()).isEqualTo(status);
		assertThat(problem.get("title").asString()).as(problem.toString()).isNotBlank();
		for (Map.Entry<String, JsonNode> member : problem.properties()) {
			assertThat(member.getValue().isNull()).as("member %s of %s", member.getKey(), problem).isFalse();
		}
	}

}
