package me.klepp.api.users;

import me.klepp.api.auth.CurrentUser;
import me.klepp.api.problems.Problems;
import me.klepp.api.uploads.MultipartFiles;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v2")
class UserController {

	private final UserProfiles profiles;

	private final Avatars avatars;

	UserController(UserProfiles profiles, Avatars avatars) {
		this.profiles = profiles;
		this.avatars = avatars;
	}

	@GetMapping("/users")
	Mono<UserProfiles.UserPage> list(@RequestParam(defaultValue = "0") int offset,
			@RequestParam(defaultValue = "100") int limit) {
		if (offset < 0 || limit < 1 || limit > 100) {
			throw Problems.badRequest("offset must be 0 or more and limit between 1 and 100");
		}
		return profiles.page(offset, limit);
	}

	@GetMapping("/users/{name}")
	Mono<UserProfiles.UserProfile> one(@PathVariable String name) {
		return profiles.profile(name);
	}

	/** Sets the caller's profile picture: a PNG or JPEG, scaled to fit 420×420 and stored as JPEG. */
	@PutMapping(path = "/user", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	Mono<UserProfiles.UserSummary> avatar(ServerHttpRequest request, Authentication authentication) {
		String username = CurrentUser.of(authentication).username();
		// klepp's own multipart parser, as for uploads: malformed, truncated or doubled parts are 400s.
		return avatars.replace(username, MultipartFiles.onlyPart(request, "file"))
			.then(Mono.defer(() -> profiles.summary(username)));
	}

}
