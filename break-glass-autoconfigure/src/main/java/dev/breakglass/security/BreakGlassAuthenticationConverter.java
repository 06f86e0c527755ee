package dev.breakglass.security;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads {@code Authorization: BreakGlass <token>} into an unauthenticated
 * {@link BreakGlassAuthenticationToken}. A request without that header, or with another
 * scheme (such as {@code Bearer} or {@code Basic}), converts to {@code null} and is left
 * to other filters. The scheme is matched case-insensitively (RFC 9110); whatever follows
 * it is handed on as the token, even when malformed, for the provider to reject.
 */
public final class BreakGlassAuthenticationConverter implements AuthenticationConverter {

	/**
	 * The authentication scheme of break-glass session tokens.
	 */
	public static final String SCHEME = "BreakGlass";

	@Override
	public @Nullable BreakGlassAuthenticationToken convert(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null) {
			return null;
		}
		header = header.strip();
		if (!header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
			return null;
		}
		if (header.length() == SCHEME.length()) {
			return BreakGlassAuthenticationToken.unauthenticated("");
		}
		if (header.charAt(SCHEME.length()) != ' ') {
			// "BreakGlassFoo ..." is another scheme
			return null;
		}
		return BreakGlassAuthenticationToken.unauthenticated(header.substring(SCHEME.length() + 1).strip());
	}

}
