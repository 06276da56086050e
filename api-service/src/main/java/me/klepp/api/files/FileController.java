package me.klepp.api.files;

import me.klepp.api.auth.CurrentUser;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v2/files")
class FileController {

	private final FileCatalog catalog;

	FileController(FileCatalog catalog) {
		this.catalog = catalog;
	}

	/** The feed, newest first. */
	@GetMapping
	Mono<FilePage> list(@RequestParam(required = false) String username,
			@RequestParam(required = false) Boolean hidden, @RequestParam(defaultValue = "0") int offset,
			@RequestParam(defaultValue = "100") int limit, Authentication authentication) {
		return catalog.page(new FeedQuery(CurrentUser.of(authentication), username, hidden, offset, limit));
	}

}
