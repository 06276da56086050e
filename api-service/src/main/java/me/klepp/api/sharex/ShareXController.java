package me.klepp.api.sharex;

import com.fasterxml.jackson.annotation.JsonProperty;
import me.klepp.api.auth.CurrentUser;
import me.klepp.api.files.FileDeletions;
import me.klepp.api.share.ShareProperties;
import me.klepp.api.storage.MediaLinks;
import me.klepp.api.storage.UrlKeys;
import me.klepp.api.tokens.ApiTokens;
import me.klepp.api.uploads.StreamedUploads;
import me.klepp.api.web.RequestBaseUrl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * ShareX's custom uploader: an upload endpoint for personal API tokens, the ready-made {@code .sxcu}, and
 * per-file signed deletion links that only delete from their confirmation page.
 */
@RestController
@RequestMapping("/api/v2")
class ShareXController {

	static final String DELETE_PURPOSE = "sharex-delete";

	private final StreamedUploads uploads;

	private final ApiTokens tokens;

	private final MediaLinks links;

	private final FileDeletions deletions;

	private final ShareProperties share;

	private final ShareXConfigs configs;

	ShareXController(StreamedUploads uploads, ApiTokens tokens, MediaLinks links, FileDeletions deletions,
			ShareProperties share, ShareXConfigs configs) {
		this.uploads = uploads;
		this.tokens = tokens;
		this.links = links;
		this.deletions = deletions;
		this.share = share;
		this.configs = configs;
	}

	/** One multipart POST per file, as ShareX sends it; the file is streamed to S3 like any upload. */
	@PostMapping(path = "/sharex/upload", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	Mono<ResponseEntity<UploadResult>> upload(ServerHttpRequest request, Authentication authentication) {
		return uploads.upload(CurrentUser.of(authentication), request)
			.flatMap(file -> Mono.deferContextual(context -> {
				String base = RequestBaseUrl.of(context);
				String key = file.path();
				return Mono.just(ResponseEntity.status(HttpStatus.CREATED)
					.body(new UploadResult(key, share.pageOf(key, base), base + "/thumbnails/" + UrlKeys.encode(key),
							base + "/api/v2/sharex/delete/" + links.sign(DELETE_PURPOSE, key) + "/"
									+ UrlKeys.encode(key))));
			}));
	}

	/** A ready custom uploader for ShareX, with a freshly minted upload-only token inside. */
	@GetMapping("/me/sharex")
	Mono<ResponseEntity<String>> sxcu(Authentication authentication) {
		String username = CurrentUser.of(authentication).username();
		return Mono.deferContextual(context -> tokens.create(username, "ShareX")
			.map(token -> ResponseEntity.ok()
				.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"klepp.sxcu\"")
				.contentType(MediaType.APPLICATION_JSON)
				.body(configs.sxcu(RequestBaseUrl.of(context), token.token()))));
	}

	/** What opening a deletion link shows: a confirmation; a GET never deletes (ShareX opens these in a browser). */
	@GetMapping(path = "/sharex/delete/{signature}/{*key}", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> confirmDeletion(@PathVariable String signature, @PathVariable String key) {
		String objectKey = signedKey(signature, key);
		if (objectKey == null) {
			return html(HttpStatus.FORBIDDEN, DeletionPages.invalid());
		}
		return html(HttpStatus.OK, DeletionPages.confirm(objectKey));
	}

	@PostMapping(path = "/sharex/delete/{signature}/{*key}", produces = MediaType.TEXT_HTML_VALUE)
	Mono<ResponseEntity<String>> delete(@PathVariable String signature, @PathVariable String key) {
		String objectKey = signedKey(signature, key);
		if (objectKey == null) {
			return Mono.just(html(HttpStatus.FORBIDDEN, DeletionPages.invalid()));
		}
		return deletions.deleteWithProof(objectKey)
			.map(deleted -> deleted ? html(HttpStatus.OK, DeletionPages.deleted(objectKey))
					: html(HttpStatus.NOT_FOUND, DeletionPages.gone(objectKey)));
	}

	/**
	 * The key a deletion link is for, or {@code null} when its signature does not match: the path is the key as
	 * {@link UrlKeys} writes it, or, in links handed out before, percent-encoded (decoded by the framework).
	 */
	private String signedKey(String signature, String path) {
		String raw = path.substring(1);
		String decoded = UrlKeys.decode(raw).orElse(raw);
		for (String key : new String[] { decoded, raw }) {
			if (links.verify(DELETE_PURPOSE, key, signature)) {
				return key;
			}
		}
		return null;
	}

	private static ResponseEntity<String> html(HttpStatus status, String body) {
		return ResponseEntity.status(status).contentType(MediaType.parseMediaType("text/html;charset=UTF-8")).body(body);
	}

	/** What ShareX parses: {@code URL} from {@code url}, and so on. */
	record UploadResult(String path, String url, @JsonProperty("thumbnail_url") String thumbnailUrl,
			@JsonProperty("deletion_url") String deletionUrl) {
	}


}
