package me.klepp.api.auth;

import java.time.Clock;
import java.time.Duration;
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
import me.klepp.api.web.CorsProperties;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import me.klepp.api.tokens.ApiTokens;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.ReactiveAuthenticationManagerResolver;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, AuthProperties properties,
			CorsProperties cors, ReactiveJwtDecoder jwtDecoder, ApiTokens apiTokens) {
		var converter = new JwtAuthenticationConverter();
		converter.setPrincipalClaimName(properties.usernameClaim());
		converter.setJwtGrantedAuthoritiesConverter(jwt -> authorities(CurrentUser.groups(jwt, properties.groupsClaim()),
				properties.moderatorGroup()));
		// Bearer tokens only, no cookies: CSRF cannot ride on them.
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.cors(spec -> spec.configurationSource(corsSource(cors)))
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.authorizeExchange(exchanges -> exchanges
				.pathMatchers(HttpMethod.GET, "/api/v2/files", "/api/v2/files/**", "/api/v2/tags", "/api/v2/users",
						"/api/v2/users/**", "/", "/s/**", "/media/**", "/media-signed/**", "/thumbnails/**", "/posters/**",
						"/previews/**", "/playable/**", "/playable-signed/**", "/avatars/**", "/docs", "/docs/**", "/v3/api-docs/**", "/webjars/**",
						"/actuator/health/**")
				.permitAll()
				.pathMatchers(HttpMethod.OPTIONS, "/**")
				.permitAll()
				.pathMatchers("/api/v2/sharex/delete/**")
				.permitAll()
				.pathMatchers(HttpMethod.POST, "/api/v2/sharex/upload")
				.hasAnyAuthority(CurrentUser.USER_AUTHORITY, "SCOPE_" + ApiTokens.UPLOAD_SCOPE)
				// Metrics tell who uses what and how much: moderators only (health, above, is public).
				.pathMatchers("/actuator", "/actuator/**")
				.hasAuthority(CurrentUser.MODERATOR_AUTHORITY)
				.anyExchange()
				.hasAuthority(CurrentUser.USER_AUTHORITY))
			.oauth2ResourceServer(server -> server
				.authenticationManagerResolver(bearerTokens(jwtDecoder, converter, apiTokens))
				.authenticationEntryPoint(ProblemSecurityHandlers.entryPoint())
				.accessDeniedHandler(ProblemSecurityHandlers.accessDenied()))
			.exceptionHandling(handling -> handling.authenticationEntryPoint(ProblemSecurityHandlers.entryPoint())
				.accessDeniedHandler(ProblemSecurityHandlers.accessDenied()))
			.build();
	}

	@Bean
	ServerWebExchangeFirewall requestFirewall() {
		return new RequestFirewall();
	}

	@Bean
	ServerExchangeRejectedHandler requestFirewallProblems() {
		return RequestFirewall.problems();
	}

	@Bean
	ReactiveJwtDecoder jwtDecoder(@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri}") String issuer,
			AuthProperties properties) {
		// Discovery happens on the first token, so the API starts even while the issuer is unreachable.
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withIssuerLocation(issuer).build();
		var validator = AccessTokenValidators.create(issuer, properties);
		decoder.setJwtValidator(validator);
		// Signature checks were a tenth of a signed-in request's CPU time (docs/benchmarks.md).
		return new RememberedJwtDecoder(decoder, validator, Duration.ofMinutes(1), Clock.systemUTC());
	}

	private static CorsConfigurationSource corsSource(CorsProperties cors) {
		var configuration = new CorsConfiguration();
		configuration.setAllowedOrigins(cors.allowedOrigins());
		configuration.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
		configuration.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept"));
		configuration.setMaxAge(3600L);
		var source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/api/**", configuration);
		return source;
	}

	private static Collection<GrantedAuthority> authorities(List<String> groups, String moderatorGroup) {
		var user = new SimpleGrantedAuthority(CurrentUser.USER_AUTHORITY);
		return groups.contains(moderatorGroup)
				? List.of(user, new SimpleGrantedAuthority(CurrentUser.MODERATOR_AUTHORITY)) : List.of(user);
	}

	/**
	 * Bearer tokens starting with {@code klepp_} are personal API tokens, checked against the database; all
	 * others are access tokens (JWTs).
	 */
	private static ReactiveAuthenticationManagerResolver<ServerWebExchange> bearerTokens(ReactiveJwtDecoder decoder,
			JwtAuthenticationConverter converter, ApiTokens apiTokens) {
		var jwtManager = new JwtReactiveAuthenticationManager(decoder);
		jwtManager.setJwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(converter));
		ReactiveAuthenticationManager apiTokenManager = authentication -> {
			String secret = ((BearerTokenAuthenticationToken) authentication).getToken();
			return apiTokens.authenticate(secret)
				.<Authentication>map(owner -> new ApiTokenAuthentication(owner.username(), owner.scope()))
				.switchIfEmpty(Mono.error(() -> new InvalidBearerTokenException("unknown or revoked API token")));
		};
		return exchange -> {
			String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
			boolean apiToken = header != null && header.regionMatches(true, 0, "Bearer " + ApiTokens.PREFIX, 0,
					7 + ApiTokens.PREFIX.length());
			return Mono.just(apiToken ? apiTokenManager : jwtManager);
		};
	}

}
