package dev.breakglass.sample;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.breakglass.store.AttemptCount;
import dev.breakglass.store.AttemptCounterStore;
import dev.breakglass.store.Attribution;
import dev.breakglass.store.StoreLimits;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.provisioning.UserDetailsManager;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Stands before Spring Security's {@code /ott/generate}, which anyone may call: each
 * client (by remote address) may ask for {@code limit} magic links per window, counted on
 * the starter's shared {@link AttemptCounterStore}, then gets 429; a username that is not
 * a valid subject (too long, control or invisible characters) or not a user gets the same
 * "sent" page as a real one, without a token being stored, so that the form neither fills
 * the store nor tells who has an account.
 */
class MagicLinkRequestGuard extends OncePerRequestFilter {

	static final String GENERATE = "/ott/generate";

	private static final RequestMatcher MATCHER = PathPatternRequestMatcher.withDefaults()
		.matcher(HttpMethod.POST, GENERATE);

	private final AttemptCounterStore counters;

	private final UserDetailsManager users;

	private final int limit;

	private final Duration window;

	MagicLinkRequestGuard(AttemptCounterStore counters, UserDetailsManager users, int limit, Duration window) {
		this.counters = counters;
		this.users = users;
		this.limit = limit;
		this.window = window;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !MATCHER.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		AttemptCount count = this.counters.countInWindow("magic-links:client:" + request.getRemoteAddr(), this.limit,
				this.window);
		if (!count.isAllowed()) {
			response.setHeader("Retry-After", Long.toString(count.resetsIn().plusMillis(999).toSeconds()));
			response.sendError(HttpStatus.TOO_MANY_REQUESTS.value());
			return;
		}
		String username = request.getParameter("username");
		if (!isUser(username)) {
			response.sendRedirect(request.getContextPath() + MagicLinkPages.SENT);
			return;
		}
		chain.doFilter(request, response);
	}

	private boolean isUser(String username) {
		if (username == null) {
			return false;
		}
		try {
			Attribution.checkText(username, "username", StoreLimits.MAX_SUBJECT_LENGTH);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		return this.users.userExists(username);
	}

}
