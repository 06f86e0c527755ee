package dev.breakglass.security;

import java.io.Serializable;
import java.time.Instant;

/**
 * What an authenticated {@link BreakGlassAuthenticationToken} tells about its session
 * besides who opened it. Never the session token.
 *
 * @param reason why the session was opened
 * @param issuedAt when it was opened
 * @param expiresAt when it ends unless closed before
 * @param drill whether the session is a drill's
 */
public record BreakGlassAuthenticationDetails(String reason, Instant issuedAt, Instant expiresAt,
		boolean drill) implements Serializable {

	/**
	 * Create the details of a session that is not a drill.
	 * @param reason why the session was opened
	 * @param issuedAt when it was opened
	 * @param expiresAt when it ends unless closed before
	 */
	public BreakGlassAuthenticationDetails(String reason, Instant issuedAt, Instant expiresAt) {
		this(reason, issuedAt, expiresAt, false);
	}

}
