package dev.breakglass.sample;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request body of the JSON API before anything reads it: 413 when it declares
 * more than {@code sample.api.max-body-size}, 411 when it declares no length (a chunked
 * body could be of any size). The service's own limits (a reason of at most 1,000
 * characters) run only after the body is parsed, so without this a few huge bodies can
 * exhaust the heap.
 */
class RequestBodyLimitFilter extends OncePerRequestFilter {

	private final long maxBytes;

	RequestBodyLimitFilter(DataSize max) {
		this.maxBytes = max.toBytes();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long length = request.getContentLengthLong();
		boolean chunked = length < 0 && request.getHeader("Transfer-Encoding") != null;
		if (chunked) {
			response.sendError(HttpStatus.LENGTH_REQUIRED.value());
			return;
		}
		if (length > this.maxBytes) {
			response.sendError(HttpStatus.CONTENT_TOO_LARGE.value());
			return;
		}
		chain.doFilter(request, response);
	}

}
