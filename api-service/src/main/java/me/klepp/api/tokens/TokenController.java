package me.klepp.api.tokens;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import me.klepp.api.auth.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The caller's personal API tokens, for uploading from ShareX without AWS keys on the desktop. */
@RestController
@RequestMapping("/api/v2/me/tokens")
class TokenController {

	private final ApiTokens tokens;

	TokenController(ApiTokens tokens) {
		this.tokens = tokens;
	}

	/** Creates a token; the response is the only time its secret is shown. */
	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	Mono<ApiTokens.NewToken> create(@Valid @RequestBody(required = false) NewTokenRequest request,
			Authentication authentication) {
		String name = request == null || request.name() == null || request.name().isBlank() ? "API token"
				: request.name().strip();
		return tokens.create(CurrentUser.of(authentication).username(), name);
	}

	@GetMapping
	Mono<List<ApiTokens.TokenView>> list(Authentication authentication) {
		return tokens.list(CurrentUser.of(authentication).username());
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	Mono<Void> revoke(@PathVariable UUID id, Authentication authentication) {
		return tokens.revoke(CurrentUser.of(authentication).username(), id);
	}

	record NewTokenRequest(@Size(max = 100) String name) {
	}

}
