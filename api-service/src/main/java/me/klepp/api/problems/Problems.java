package me.klepp.api.problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The API's own failures, rendered as RFC 9457 problem details by Spring. */
public final class Problems {

	private Problems() {
	}

	public static ErrorResponseException of(HttpStatus status, String detail) {
		return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
	}

	public static ErrorResponseException badRequest(String detail) {
		return of(HttpStatus.BAD_REQUEST, detail);
	}

	public static ErrorResponseException notFound(String detail) {
		return of(HttpStatus.NOT_FOUND, detail);
	}

}
