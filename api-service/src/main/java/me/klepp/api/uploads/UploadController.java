package me.klepp.api.uploads;

import jakarta.validation.Valid;
import me.klepp.api.auth.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v2/uploads")
class UploadController {

	private final PresignedUploads uploads;

	UploadController(PresignedUploads uploads) {
		this.uploads = uploads;
	}

	/** Announces an upload and answers with a presigned PUT straight to S3. */
	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	Mono<UploadTicket> announce(@Valid @RequestBody UploadRequest request, Authentication authentication) {
		return uploads.announce(CurrentUser.of(authentication), request);
	}

}
