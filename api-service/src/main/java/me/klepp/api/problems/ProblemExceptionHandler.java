package me.klepp.api.problems;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;

/**
 * Spring's own exceptions (validation, unreadable JSON, wrong method, ...) and {@link Problems} become
 * problem details through the base class; anything unexpected becomes a 500 problem without internals.
 */
@RestControllerAdvice
class ProblemExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception e) {
		log.error("unexpected failure", e);
		return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"Something went wrong on our side; try again later.");
	}

}
