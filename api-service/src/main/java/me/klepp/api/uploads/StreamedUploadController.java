package me.klepp.api.uploads;

import me.klepp.api.auth.CurrentUser;
import me.klepp.api.files.VideoView;
import me.klepp.api.problems.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Uploads through the API, as the frontend does them: multipart field {@code file} (and optionally
 * {@code file_name}), streamed to S3 as it arrives.
 */
@RestController
class StreamedUploadController {

	/** Room for multipart boundaries and form fields beyond the file itself. */
	private static final long MULTIPART_OVERHEAD = 64 * 1024;

	private final StreamedUploads uploads;

	private final UploadProperties properties;

	StreamedUploadController(StreamedUploads uploads, UploadProperties properties) {
		this.uploads = uploads;
		this.properties = properties;
	}

	@PostMapping(path = "/api/v2/files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	Mono<VideoView> upload(ServerHttpRequest request,
			@RequestHeader(name = HttpHeaders.CONTENT_LENGTH, required = false) Long contentLength,
			Authentication authentication) {
		if (contentLength != null && contentLength > properties.maxSize().toBytes() + MULTIPART_OVERHEAD) {
			return Mono.error(Problems.of(HttpStatus.CONTENT_TOO_LARGE, "the upload is over the limit of "
					+ properties.maxSize().toBytes() + " bytes"));
		}
		return uploads.upload(CurrentUser.of(authentication), request);
	}

}
