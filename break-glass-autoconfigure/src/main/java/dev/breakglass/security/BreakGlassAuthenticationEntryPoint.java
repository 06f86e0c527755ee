package dev.breakglass.security;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.util.Assert;

/**
 * Answers a request that break-glass could not authenticate: {@code 401} with
 * {@code WWW-Authenticate: BreakGlass} for a token that is not the active session's, and
 * {@code 503} with {@code Retry-After} when the session store could not answer
 * ({@link AuthenticationServiceException}), so that an outage is neither hidden behind a
 * 401 nor shown as a server error. The response body is empty and never names the token.
 */
public final class BreakGlassAuthenticationEntryPoint implements AuthenticationEntryPoint {

	/**
	 * Default time a client is told to wait when the store is unavailable.
	 */
	public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

	private final Duration retryAfter;

	/**
	 * Create an entry point telling clients to retry after {@link #DEFAULT_RETRY_AFTER}
	 * when the store is unavailable.
	 */
	public BreakGlassAuthenticationEntryPoint() {
		this(DEFAULT_RETRY_AFTER);
	}

	/**
	 * Create an entry point.
	 * @param retryAfter how long clients are told to wait when the store is unavailable,
	 * at least one second
	 */
	public BreakGlassAuthenticationEntryPoint(Duration retryAfter) {
		Assert.notNull(retryAfter, "retryAfter must not be null");
		Assert.isTrue(retryAfter.getSeconds() >= 1, "retryAfter must be at least one second");
		this.retryAfter = retryAfter;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		if (authException instanceof AuthenticationServiceException) {
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(this.retryAfter.getSeconds()));
			response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value());
			return;
		}
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, BreakGlassAuthenticationConverter.SCHEME);
		response.sendError(HttpStatus.UNAUTHORIZED.value());
	}

}
