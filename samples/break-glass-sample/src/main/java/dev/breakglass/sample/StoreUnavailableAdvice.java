package dev.breakglass.sample;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.breakglass.store.StoreUnavailableException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers an outage of the break-glass store honestly: 503 with {@code Retry-After}, so
 * that a caller neither takes it for a refusal (401) nor for a bug (500), and knows to
 * try again shortly.
 */
@RestControllerAdvice
class StoreUnavailableAdvice {

	/**
	 * Seconds a client should wait before trying again: the stores' timeouts are short,
	 * so a retry soon after tells whether the store is back.
	 */
	static final String RETRY_AFTER_SECONDS = "5";

	private static final Logger logger = LoggerFactory.getLogger(StoreUnavailableAdvice.class);

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> storeUnavailable(StoreUnavailableException ex) {
		logger.warn("Break-glass store unavailable: answering 503", ex);
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
			.body(Map.of("error", "break-glass store unavailable, try again later"));
	}

}
