package me.klepp.api.auth;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** Who is calling: the user name from the token and whether they moderate. */
public record CurrentUser(String username, boolean moderator) {

	static final String MODERATOR_AUTHORITY = "ROLE_MODERATOR";

	/** Every user signed in with an access token; personal API tokens only carry their scope. */
	static final String USER_AUTHORITY = "ROLE_USER";

	public static CurrentUser of(Authentication authentication) {
		if (authentication instanceof ApiTokenAuthentication token) {
			return new CurrentUser(token.getName(), false);
		}
		if (!(authentication instanceof JwtAuthenticationToken jwt)) {
			return null;
		}
		boolean moderator = jwt.getAuthorities().stream().anyMatch(a -> MODERATOR_AUTHORITY.equals(a.getAuthority()));
		return new CurrentUser(jwt.getName(), moderator);
	}

	/**
	 * Who is reading: like {@link #of}, except that a personal API token (ShareX's, upload-only) reads as a
	 * signed-out visitor does, so a leaked token never shows its owner's hidden files.
	 */
	public static CurrentUser viewer(Authentication authentication) {
		return authentication instanceof ApiTokenAuthentication ? null : of(authentication);
	}

	static List<String> groups(org.springframework.security.oauth2.jwt.Jwt jwt, String claim) {
		List<String> groups = jwt.getClaimAsStringList(claim);
		return groups == null ? List.of() : groups;
	}

}
