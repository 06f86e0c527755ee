package dev.breakglass.service;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A break-glass session was opened.
 */
public final class SessionOpenedEvent extends BreakGlassEvent {

	private final Instant expiresAt;

	SessionOpenedEvent(BreakGlassService source, Instant timestamp, @Nullable String principal,
			BreakGlassRequest request, Instant expiresAt) {
		super(source, timestamp, principal, request);
		this.expiresAt = expiresAt;
	}

	/**
	 * When the session ends unless closed before.
	 * @return the instant
	 */
	public Instant expiresAt() {
		return this.expiresAt;
	}

	@Override
	protected String details() {
		return "expiresAt=" + this.expiresAt;
	}

}
