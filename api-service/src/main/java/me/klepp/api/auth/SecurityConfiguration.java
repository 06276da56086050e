package me.klepp.api.auth;

import java.util.Collection;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;

@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, AuthProperties properties) {
		var converter = new JwtAuthenticationConverter();
		converter.setPrincipalClaimName(properties.usernameClaim());
		converter.setJwtGrantedAuthoritiesConverter(jwt -> authorities(CurrentUser.groups(jwt, properties.groupsClaim()),
				properties.moderatorGroup()));
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.authorizeExchange(exchanges -> exchanges
				.pathMatchers(HttpMethod.GET, "/api/v2/files", "/api/v2/files/**", "/actuator/health/**", "/")
				.permitAll()
				.anyExchange()
				.authenticated())
			.oauth2ResourceServer(server -> server
				.jwt(jwt -> jwt.jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(converter)))
				.authenticationEntryPoint(ProblemSecurityHandlers.entryPoint())
				.accessDeniedHandler(ProblemSecurityHandlers.accessDenied()))
			.exceptionHandling(handling -> handling.authenticationEntryPoint(ProblemSecurityHandlers.entryPoint())
				.accessDeniedHandler(ProblemSecurityHandlers.accessDenied()))
			.build();
	}

	@Bean
	ReactiveJwtDecoder jwtDecoder(@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer,
			AuthProperties properties) {
		// Discovery happens on the first token, so the API starts even while the issuer is unreachable.
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withIssuerLocation(issuer).build();
		decoder.setJwtValidator(AccessTokenValidators.create(issuer, properties));
		return decoder;
	}

	private static Collection<GrantedAuthority> authorities(List<String> groups, String moderatorGroup) {
		return groups.contains(moderatorGroup) ? List.of(new SimpleGrantedAuthority(CurrentUser.MODERATOR_AUTHORITY))
				: List.of();
	}

}
