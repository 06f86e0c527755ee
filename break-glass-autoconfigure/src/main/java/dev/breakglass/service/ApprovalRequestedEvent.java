package dev.breakglass.service;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A break-glass request waits for approval: its approval token was sent to the approvers,
 * and no OTP exists yet.
 */
public final class ApprovalRequestedEvent extends BreakGlassEvent {

	private final Instant expiresAt;

	ApprovalRequestedEvent(BreakGlassService source, Instant timestamp, @Nullable String principal,
			BreakGlassRequest request, Instant expiresAt) {
		super(source, timestamp, principal, request);
		this.expiresAt = expiresAt;
	}

	/**
	 * Until when the request can be approved.
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
