package me.klepp.devstack.userpool;

import java.util.Map;

import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import okhttp3.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pool's HTTP face, served by the issuer's own server next to its discovery and JWKS: the AWS JSON 1.1
 * protocol (POST, {@code X-Amz-Target: AWSCognitoIdentityProviderService.<operation>}) with Cognito's error
 * bodies, and CORS for any origin, since browsers call a user pool directly and send no credentials.
 */
final class UserPoolRoute implements Route {

	private static final Logger log = LoggerFactory.getLogger(UserPoolRoute.class);

	static final String TARGET_PREFIX = "AWSCognitoIdentityProviderService.";

	/** The headers Amplify's user-pool client sends, allowed when a preflight names none. */
	static final String ALLOWED_HEADERS = "amz-sdk-invocation-id, amz-sdk-request, cache-control, content-type, "
			+ "x-amz-target, x-amz-user-agent, x-amz-date, x-amz-security-token, authorization";

	private final String path;

	private final UserPoolApi api;

	private final JsonMapper json = JsonMapper.builder().build();

	UserPoolRoute(String path, UserPoolApi api) {
		this.path = path;
		this.api = api;
	}

	@Override
	public boolean match(OAuth2HttpRequest request) {
		String requested = request.getUrl().encodedPath();
		return requested.equals(path) || (requested + "/").equals(path);
	}

	@Override
	public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
		if ("OPTIONS".equals(request.getMethod())) {
			String requestedHeaders = request.getHeaders().get("access-control-request-headers");
			return response(204, null, Map.of("access-control-allow-methods", "POST, OPTIONS",
					"access-control-allow-headers", requestedHeaders == null ? ALLOWED_HEADERS : requestedHeaders,
					"access-control-max-age", "86400"));
		}
		if (!"POST".equals(request.getMethod())) {
			return error(new UserPoolException("UnknownOperationException", "The user pool API is POST only."));
		}
		String target = request.getHeaders().get("x-amz-target");
		if (target == null || !target.startsWith(TARGET_PREFIX)) {
			return error(new UserPoolException("UnknownOperationException",
					"X-Amz-Target must name an operation, e.g. " + TARGET_PREFIX + "InitiateAuth."));
		}
		String operation = target.substring(TARGET_PREFIX.length());
		try {
			Map<String, Object> body = parse(request.getBody());
			return response(200, json.writeValueAsString(api.call(operation, new UserPoolRequest(body))), Map.of());
		}
		catch (UserPoolException e) {
			log.debug("{} refused: {} {}", operation, e.type(), e.getMessage());
			return error(e);
		}
		catch (RuntimeException e) {
			log.error("{} failed", operation, e);
			return response(500, json.writeValueAsString(
					Map.of("__type", "InternalErrorException", "message", "The local user pool failed: " + e)), Map.of());
		}
	}

	private Map<String, Object> parse(String body) {
		if (body == null || body.isBlank()) {
			return Map.of();
		}
		try {
			@SuppressWarnings("unchecked")
			Map<String, Object> members = json.readValue(body, Map.class);
			return members;
		}
		catch (JacksonException | ClassCastException e) {
			throw new UserPoolException("SerializationException", "The request body is not a JSON object.");
		}
	}

	private OAuth2HttpResponse error(UserPoolException e) {
		String body = json.writeValueAsString(Map.of("__type", e.type(), "message", e.getMessage()));
		return response(400, body, Map.of("x-amzn-errortype", e.type() + ":"));
	}

	private static OAuth2HttpResponse response(int status, String body, Map<String, String> extra) {
		Headers.Builder headers = new Headers.Builder().add("access-control-allow-origin", "*")
			.add("access-control-expose-headers", "x-amzn-errortype, x-amzn-requestid");
		if (body != null) {
			headers.add("content-type", "application/x-amz-json-1.1");
		}
		extra.forEach(headers::add);
		return new OAuth2HttpResponse(headers.build(), status, body == null ? "" : body, null);
	}

}
