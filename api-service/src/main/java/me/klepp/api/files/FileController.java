package me.klepp.api.files;

import java.util.List;

import jakarta.validation.Valid;
import me.klepp.api.auth.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v2/files")
class FileController {

	private final FileCatalog catalog;

	private final FileEdits edits;

	private final FileDeletions deletions;

	private final FeedProperties feed;

	FileController(FileCatalog catalog, FileEdits edits, FileDeletions deletions, FeedProperties feed) {
		this.catalog = catalog;
		this.edits = edits;
		this.deletions = deletions;
		this.feed = feed;
	}

	/**
	 * The feed: filters, a sort key ({@code -} for descending, default {@code -uploaded_at}) and either offset
	 * paging ({@code offset}, {@code limit} ≤ 100, {@code total_count}) or keyset paging ({@code cursor} from the
	 * previous page's {@code next_cursor}), which costs the same at any depth. {@code path} asks for exactly that
	 * file: {@code total_count} 1, or 0 when there is none the caller may see (the frontend's video page).
	 */
	@GetMapping
	Mono<FilePage> list(@RequestParam(required = false) String path, @RequestParam(required = false) String username,
			@RequestParam(required = false) String name, @RequestParam(required = false) List<String> tag,
			@RequestParam(name = "tag_mode", required = false) String tagMode,
			@RequestParam(required = false) Boolean hidden,
			@RequestParam(name = "liked_by", required = false) String likedBy,
			@RequestParam(required = false) String media, @RequestParam(required = false) String state,
			@RequestParam(required = false) String sort,
			@RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "100") int limit,
			@RequestParam(required = false) String cursor, Authentication authentication) {
		CurrentUser viewer = CurrentUser.viewer(authentication);
		if (path != null) {
			return catalog.exactly(path, viewer);
		}
		return Mono.defer(() -> catalog.page(FeedQuery.of(viewer, username, name, tag, tagMode, hidden, likedBy, media,
				state, feed.media(), sort, offset, limit, cursor)));
	}

	/** One file by its path (the S3 key, slashes and all). */
	@GetMapping("/{*path}")
	Mono<VideoView> one(@PathVariable String path, Authentication authentication) {
		return catalog.view(path.substring(1), CurrentUser.viewer(authentication));
	}

	/** Rename, hide or show, and replace the tags of a file: its owner or a moderator. */
	@PatchMapping
	Mono<VideoView> edit(@Valid @RequestBody FileEdit edit, Authentication authentication) {
		return edits.apply(edit, CurrentUser.of(authentication));
	}

	/** Deletes the file and every S3 object of it: its owner or a moderator. */
	@DeleteMapping
	@ResponseStatus(HttpStatus.OK)
	Mono<DeletedFile> delete(@Valid @RequestBody FileReference file, Authentication authentication) {
		return deletions.delete(file.path(), CurrentUser.of(authentication)).thenReturn(new DeletedFile(file.path()));
	}

	record DeletedFile(String path) {
	}

}
