package me.klepp.api.share;

import java.net.URI;

import me.klepp.api.files.FileCatalog;
import me.klepp.api.files.VideoView;
import me.klepp.api.storage.UrlKeys;
import me.klepp.api.web.RequestBaseUrl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The page a shared link opens ({@code share.<host>/?path=<key>}): the clip, with OpenGraph and Twitter player
 * tags so Discord and Slack embed it. Rendered for anonymous visitors only, so a hidden clip is never shown
 * here: its link answers like a link to nothing.
 */
@RestController
class SharePageController {

	private final FileCatalog catalog;

	private final SharePages pages;

	private final ShareProperties share;

	SharePageController(FileCatalog catalog, SharePages pages, ShareProperties share) {
		this.catalog = catalog;
		this.pages = pages;
		this.share = share;
	}

	static final String PATH = "/s/";

	@GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
	Mono<ResponseEntity<String>> share(@RequestParam(required = false) String path) {
		if (path == null || path.isBlank()) {
			return Mono.just(html(HttpStatus.OK, pages.home()));
		}
		return page(path);
	}

	/** The same page at {@code /s/<key>} ({@link UrlKeys}), the form klepp hands out. */
	@GetMapping(path = PATH + "{*path}", produces = MediaType.TEXT_HTML_VALUE)
	Mono<ResponseEntity<String>> sharePath(@PathVariable String path) {
		return UrlKeys.decode(path.substring(1)).map(this::page)
			.orElseGet(() -> Mono.just(html(HttpStatus.NOT_FOUND, pages.notFound())));
	}

	private Mono<ResponseEntity<String>> page(String key) {
		return Mono.deferContextual(context -> catalog.view(key, null)
			.map((VideoView file) -> html(HttpStatus.OK,
					pages.clip(file, URI.create(share.pageOf(key, RequestBaseUrl.of(context))))))
			.onErrorResume(org.springframework.web.ErrorResponseException.class,
					notFound -> Mono.just(html(HttpStatus.NOT_FOUND, pages.notFound()))));
	}

	private static ResponseEntity<String> html(HttpStatus status, String body) {
		return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8)).body(body);
	}

}
