package me.klepp.api.share;

import java.net.URI;

import me.klepp.api.files.FileCatalog;
import me.klepp.api.files.VideoView;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
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

	SharePageController(FileCatalog catalog, SharePages pages) {
		this.catalog = catalog;
		this.pages = pages;
	}

	@GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
	Mono<ResponseEntity<String>> share(@RequestParam(required = false) String path, ServerWebExchange exchange) {
		if (path == null || path.isBlank()) {
			return Mono.just(html(HttpStatus.OK, pages.home()));
		}
		URI self = UriComponentsBuilder.fromUri(exchange.getRequest().getURI()).replaceQuery(null)
			.queryParam("path", "{path}").build(path);
		return catalog.view(path, null)
			.map((VideoView file) -> html(HttpStatus.OK, pages.clip(file, self)))
			.onErrorResume(org.springframework.web.ErrorResponseException.class,
					notFound -> Mono.just(html(HttpStatus.NOT_FOUND, pages.notFound())));
	}

	private static ResponseEntity<String> html(HttpStatus status, String body) {
		return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8)).body(body);
	}

}
