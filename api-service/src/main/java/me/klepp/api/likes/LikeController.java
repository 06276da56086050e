package me.klepp.api.likes;

import jakarta.validation.Valid;
import me.klepp.api.auth.CurrentUser;
import me.klepp.api.files.FileReference;
import me.klepp.api.files.VideoView;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Likes are idempotent: liking twice counts once (201 then 200), unliking what you never liked is a no-op. */
@RestController
@RequestMapping("/api/v2/like")
class LikeController {

	private final Likes likes;

	LikeController(Likes likes) {
		this.likes = likes;
	}

	@PostMapping
	Mono<ResponseEntity<VideoView>> like(@Valid @RequestBody FileReference file, Authentication authentication) {
		return likes.like(file.path(), CurrentUser.of(authentication))
			.map(result -> ResponseEntity.status(result.changed() ? HttpStatus.CREATED : HttpStatus.OK)
				.body(result.file()));
	}

	@DeleteMapping
	Mono<VideoView> unlike(@Valid @RequestBody FileReference file, Authentication authentication) {
		return likes.unlike(file.path(), CurrentUser.of(authentication)).map(Likes.Result::file);
	}

}
