package dev.breakglass.service;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A break-glass session. The raw token is handed out once, by
 * {@link BreakGlassService#open}; sessions from {@link BreakGlassService#authenticate}
 * carry a {@code null} token. {@link #toString()} never shows the token.
 *
 * @param token the session token, only when the session was just opened
 * @param issuedAt when the session was opened
 * @param expiresAt when it ends unless closed before (the latest: an idle timeout,
 * {@code break-glass.session-token.idle-timeout}, ends an unused session sooner)
 * @param requester who asked for it
 * @param reason why
 * @param drill whether it is a drill, which grants only the drill authority
 */
public record BreakGlassSession(@Nullable String token, Instant issuedAt, Instant expiresAt, String requester,
		String reason, boolean drill) {

	/**
	 * Create a session that is not a drill.
	 * @param token the session token, only when the session was just opened
	 * @param issuedAt when the session was opened
	 * @param expiresAt when it ends unless closed before
	 * @param requester who asked for it
	 * @param reason why
	 */
	public BreakGlassSession(@Nullable String token, Instant issuedAt, Instant expiresAt, String requester,
			String reason) {
		this(token, issuedAt, expiresAt, requester, reason, false);
	}

	@Override
	public String toString() {
		return "BreakGlassSession[issuedAt=" + this.issuedAt + ", expiresAt=" + this.expiresAt + ", requester="
				+ this.requester + ", reason=" + this.reason + ", drill=" + this.drill + "]";
	}

}
