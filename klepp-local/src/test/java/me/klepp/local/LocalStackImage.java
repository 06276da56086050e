package me.klepp.local;

import java.util.Map;

/**
 * Which LocalStack image the tests start: 4.14.0, the last tag that starts without an auth token, unless both
 * {@code LOCALSTACK_AUTH_TOKEN} and {@code LOCALSTACK_VERSION} are set (as for {@code docker compose up}).
 */
final class LocalStackImage {

	static final String REPOSITORY = "localstack/localstack";

	static final String PINNED_TAG = "4.14.0";

	private LocalStackImage() {
	}

	static String fromEnvironment(Map<String, String> environment) {
		String token = environment.get("LOCALSTACK_AUTH_TOKEN");
		String version = environment.get("LOCALSTACK_VERSION");
		boolean optedIn = token != null && !token.isBlank() && version != null && !version.isBlank();
		return REPOSITORY + ":" + (optedIn ? version.strip() : PINNED_TAG);
	}

}
