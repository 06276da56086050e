package me.klepp.api.storage;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import me.klepp.api.problems.Problems;
import me.klepp.api.storage.MediaUrls.DerivedKind;
import me.klepp.api.storage.MediaUrls.MediaUrl;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The API's media URLs ({@link MediaUrls}): each redirects to a presigned GET, so players, embeds and the
 * frontend never hold an expired link. Only what the catalog shows the caller is served: a confirmed upload with
 * a known owner, public, or hidden through a valid signed link; objects the catalog does not know (put straight
 * into a bucket) never are. Each redirect says how long it may be cached: while the presigned URL it points at
 * stays valid.
 */
@RestController
class MediaController {

	/** A served file's row: confirmed and claimed. */
	private static final String SERVABLE = " from media_file where object_key = :key and upload_state = 'uploaded'"
			+ " and owner_id is not null";

	private final DatabaseClient db;

	private final MediaUrls urls;

	private final MediaLinks links;

	private final Clock clock = Clock.systemUTC();

	MediaController(DatabaseClient db, MediaUrls urls, MediaLinks links) {
		this.db = db;
		this.urls = urls;
		this.links = links;
	}

	@GetMapping("/media/{*path}")
	Mono<ResponseEntity<Void>> publicMedia(@PathVariable String path) {
		return upload(path).filter(file -> !file.hidden())
			.map(file -> redirect(file.presigned(urls), true))
			.switchIfEmpty(Mono.error(() -> Problems.notFound("no public file at " + path.substring(1))));
	}

	@GetMapping("/media-signed/{expires}/{signature}/{*path}")
	Mono<ResponseEntity<Void>> signedMedia(@PathVariable long expires, @PathVariable String signature,
			@PathVariable String path) {
		return upload(path).filter(file -> links.valid(expires, signature, file.key()))
			.map(file -> redirect(file.presigned(urls), false))
			.switchIfEmpty(Mono.error(() -> Problems.of(HttpStatus.FORBIDDEN, "this link is invalid or has expired")));
	}

	/** A file's feed thumbnail, by the file's key: stable, so ShareX can keep it; 404 until it exists. */
	@GetMapping("/thumbnails/{*path}")
	Mono<ResponseEntity<Void>> thumbnail(@PathVariable String path, @RequestParam(required = false) Long exp,
			@RequestParam(required = false) String sig) {
		return derived(DerivedKind.THUMBNAIL, path, exp, sig);
	}

	@GetMapping("/posters/{*path}")
	Mono<ResponseEntity<Void>> poster(@PathVariable String path, @RequestParam(required = false) Long exp,
			@RequestParam(required = false) String sig) {
		return derived(DerivedKind.POSTER, path, exp, sig);
	}

	@GetMapping("/previews/{*path}")
	Mono<ResponseEntity<Void>> preview(@PathVariable String path, @RequestParam(required = false) Long exp,
			@RequestParam(required = false) String sig) {
		return derived(DerivedKind.PREVIEW, path, exp, sig);
	}

	/** A video's web-playable rendition; the version in the path only makes the URL new for a new rendition. */
	@GetMapping("/playable/{version}/{*path}")
	Mono<ResponseEntity<Void>> playable(@PathVariable String version, @PathVariable String path) {
		return derived(DerivedKind.PLAYABLE, withoutMp4(path), null, null);
	}

	@GetMapping("/playable-signed/{expires}/{signature}/{*path}")
	Mono<ResponseEntity<Void>> signedPlayable(@PathVariable long expires, @PathVariable String signature,
			@PathVariable String path) {
		return derived(DerivedKind.PLAYABLE, withoutMp4(path), expires, signature);
	}

	/** The key in a playable URL's path, which ends in the {@code .mp4} that {@link MediaUrls#playable} added. */
	private static String withoutMp4(String path) {
		return path.endsWith(".mp4") ? path.substring(0, path.length() - 4) : path;
	}

	@GetMapping("/avatars/{*path}")
	Mono<ResponseEntity<Void>> avatar(@PathVariable String path) {
		return keyCandidates(path).concatMap(name -> db
			.sql("select avatar_key from app_user where lower(name) = lower(:name) and avatar_key is not null")
			.bind("name", name)
			.map(row -> row.get("avatar_key", String.class))
			.all())
			.next()
			.map(avatarKey -> redirect(urls.presignedDerived(avatarKey), true))
			.switchIfEmpty(Mono.error(() -> Problems.notFound("no picture of " + path.substring(1))));
	}

	private Mono<ResponseEntity<Void>> derived(DerivedKind kind, String path, Long exp, String sig) {
		return keyCandidates(path).concatMap(key -> db
			.sql("select object_key, hidden, " + kind.column + " as derived_key" + SERVABLE + " and " + kind.column
					+ " is not null")
			.bind("key", key)
			.map(row -> new Derived(row.get("object_key", String.class),
					Boolean.TRUE.equals(row.get("hidden", Boolean.class)), row.get("derived_key", String.class)))
			.all())
			.next()
			.filter(file -> !file.hidden() || (exp != null && sig != null && links.validDerived(kind, exp, sig, file.key())))
			.map(file -> redirect(urls.presignedDerived(file.derivedKey()), !file.hidden()))
			.switchIfEmpty(Mono.error(() -> Problems.notFound("no " + kind.name().toLowerCase(java.util.Locale.ROOT)
					+ " for " + path.substring(1) + " (yet)")));
	}

	private Mono<Upload> upload(String path) {
		return keyCandidates(path).concatMap(key -> db
			.sql("select object_key, hidden, content_type, processing_state" + SERVABLE)
			.bind("key", key)
			.map(row -> new Upload(row.get("object_key", String.class),
					Boolean.TRUE.equals(row.get("hidden", Boolean.class)), row.get("content_type", String.class),
					row.get("processing_state", String.class)))
			.all())
			.next();
	}

	/**
	 * The keys a URL path may name: the {@link UrlKeys} form, and the path as a plain key, which links handed out
	 * before (percent-encoded, ShareX keeps them forever) decode to.
	 */
	private static Flux<String> keyCandidates(String path) {
		String raw = path.substring(1);
		Optional<String> decoded = UrlKeys.decode(raw);
		return decoded.isPresent() && !decoded.get().equals(raw) ? Flux.just(decoded.get(), raw)
				: Flux.just(raw);
	}

	private ResponseEntity<Void> redirect(MediaUrl target, boolean shared) {
		Duration valid = Duration.between(clock.instant(), target.expiresAt()).minusMinutes(1);
		Duration cacheFor = valid.isNegative() ? Duration.ZERO : valid.dividedBy(2);
		CacheControl cache = CacheControl.maxAge(cacheFor);
		return ResponseEntity.status(HttpStatus.FOUND)
			.location(URI.create(target.url()))
			.cacheControl(shared ? cache.cachePublic() : cache.cachePrivate())
			.header("X-Content-Type-Options", "nosniff")
			.build();
	}

	private record Upload(String key, boolean hidden, String contentType, String processingState) {

		MediaUrl presigned(MediaUrls urls) {
			String type = ServedTypes.servedAs(contentType, processingState);
			return urls.presignedMedia(key, type, ServedTypes.disposition(type, key));
		}

	}

	private record Derived(String key, boolean hidden, String derivedKey) {
	}

}
