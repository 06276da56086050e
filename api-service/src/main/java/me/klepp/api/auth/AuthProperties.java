package me.klepp.api.auth;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How access tokens are checked, beyond signature and issuer ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}).
 *
 * @param clientIds app client ids whose tokens are accepted ({@code client_id} claim); empty accepts any
 * @param usernameClaim claim holding the user name: {@code username} for Cognito, e.g. {@code preferred_username}
 * for other OIDC providers
 * @param requireAccessTokenUse demand {@code token_use=access}, refusing Cognito ID tokens; turn off for
 * providers without that claim
 * @param groupsClaim claim listing the user's groups
 * @param moderatorGroup group whose members may moderate every file
 * @param clockSkew tolerance on {@code exp} and {@code nbf}
 */
@ConfigurationProperties("klepp.auth")
public record AuthProperties(List<String> clientIds, String usernameClaim, Boolean requireAccessTokenUse,
		String groupsClaim, String moderatorGroup, Duration clockSkew) {

	public AuthProperties {
		clientIds = clientIds == null ? List.of() : clientIds.stream().filter(id -> !id.isBlank()).toList();
		usernameClaim = usernameClaim == null ? "username" : usernameClaim;
		requireAccessTokenUse = requireAccessTokenUse == null || requireAccessTokenUse;
		groupsClaim = groupsClaim == null ? "cognito:groups" : groupsClaim;
		moderatorGroup = moderatorGroup == null ? "admin" : moderatorGroup;
		clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
	}

}
