package me.klepp.api.storage;

import java.net.URI;
import java.time.Duration;

import me.klepp.api.problems.Problems;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Stable media URLs: redirects to a fresh presigned GET, so players, embeds and the frontend never hold an
 * expired link. Public files by key; hidden ones only through a valid signed link.
 */
@RestController
class MediaController {

	private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofMinutes(10)).cachePrivate();

	private final DatabaseClient db;

	private final MediaUrls urls;

	private final MediaLinks links;

	MediaController(DatabaseClient db, MediaUrls urls, MediaLinks links) {
		this.db = db;
		this.urls = urls;
		this.links = links;
	}

	@GetMapping("/media/{*key}")
	Mono<ResponseEntity<Void>> publicMedia(@PathVariable String key) {
		String objectKey = key.substring(1);
		return db.sql("select hidden from media_file where object_key = :key and upload_state = 'uploaded'")
			.bind("key", objectKey)
			.map(row -> Boolean.TRUE.equals(row.get("hidden", Boolean.class)))
			.one()
			.filter(hidden -> !hidden)
			.map(visible -> redirect(objectKey))
			.switchIfEmpty(Mono.error(() -> Problems.notFound("no public file at " + objectKey)));
	}

	@GetMapping("/media-signed/{expires}/{signature}/{*key}")
	Mono<ResponseEntity<Void>> signedMedia(@PathVariable long expires, @PathVariable String signature,
			@PathVariable String key) {
		String objectKey = key.substring(1);
		if (!links.valid(expires, signature, objectKey)) {
			return Mono.error(Problems.of(HttpStatus.FORBIDDEN, "this link is invalid or has expired"));
		}
		return Mono.just(redirect(objectKey));
	}

	/** A public file's thumbnail, by the file's key: stable, so ShareX can keep it; 404 until it exists. */
	@GetMapping("/thumbnails/{*key}")
	Mono<ResponseEntity<Void>> thumbnail(@PathVariable String key) {
		String objectKey = key.substring(1);
		return db.sql("""
				select thumbnail_key from media_file
				where object_key = :key and upload_state = 'uploaded' and not hidden and thumbnail_key is not null""")
			.bind("key", objectKey)
			.map(row -> row.get("thumbnail_key", String.class))
			.one()
			.map(thumbnailKey -> found(urls.derived(thumbnailKey).url()))
			.switchIfEmpty(Mono.error(() -> Problems.notFound("no thumbnail for " + objectKey + " (yet)")));
	}

	private ResponseEntity<Void> redirect(String key) {
		return found(urls.presignedMedia(key).url());
	}

	private static ResponseEntity<Void> found(String location) {
		return ResponseEntity.status(HttpStatus.FOUND)
			.location(URI.create(location))
			.cacheControl(CACHE)
			.build();
	}

}
