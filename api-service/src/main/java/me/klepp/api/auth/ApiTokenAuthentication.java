package me.klepp.api.auth;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request authenticated by a personal API token: the user, limited to the token's scope. */
public final class ApiTokenAuthentication extends AbstractAuthenticationToken {

	private final String username;

	ApiTokenAuthentication(String username, String scope) {
		super(List.of(new SimpleGrantedAuthority("SCOPE_" + scope)));
		this.username = username;
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public Object getPrincipal() {
		return username;
	}

	@Override
	public String getName() {
		return username;
	}

}
