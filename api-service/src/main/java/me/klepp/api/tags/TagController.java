package me.klepp.api.tags;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import me.klepp.api.auth.CurrentUser;
import me.klepp.api.problems.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v2/tags")
class TagController {

	private final Tags tags;

	private final TagCreations creations;

	TagController(Tags tags, TagCreations creations) {
		this.tags = tags;
		this.creations = creations;
	}

	/**
	 * Tags by name, each with the number of public files carrying it: the tags some public file carries, plus the
	 * caller's own (on their hidden files, or created by them); a moderator sees every tag.
	 */
	@GetMapping
	Mono<Tags.TagPage> list(@RequestParam(defaultValue = "0") int offset,
			@RequestParam(defaultValue = "100") int limit, Authentication authentication) {
		if (offset < 0 || limit < 1 || limit > 100) {
			throw Problems.badRequest("offset must be 0 or more and limit between 1 and 100");
		}
		return tags.page(CurrentUser.viewer(authentication), offset, limit);
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	Mono<Tags.TagView> create(@Valid @RequestBody NewTag tag, Authentication authentication) {
		String name = TagNames.validated(tag.name());
		String creator = CurrentUser.of(authentication).username();
		creations.count(creator);
		return tags.create(name, creator);
	}

	@DeleteMapping("/{name}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	Mono<Void> delete(@PathVariable String name, Authentication authentication) {
		CurrentUser caller = CurrentUser.of(authentication);
		if (!caller.moderator()) {
			throw Problems.of(HttpStatus.FORBIDDEN, "only moderators delete tags");
		}
		return tags.delete(TagNames.normalize(name));
	}

	record NewTag(@NotNull String name) {
	}

}
