package dev.breakglass.service;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Too many consecutive opens failed: no open is attempted until {@link #until()}. Carries
 * who asked for the OTP the last failed open was presented against, if one was pending.
 */
public final class BreakGlassLockedOutEvent extends BreakGlassEvent {

	private final int failedOpens;

	private final Instant until;

	BreakGlassLockedOutEvent(BreakGlassService source, Instant timestamp, @Nullable BreakGlassRequest request,
			int failedOpens, Instant until) {
		super(source, timestamp, request);
		this.failedOpens = failedOpens;
		this.until = until;
	}

	/**
	 * How many consecutive opens failed.
	 * @return the number
	 */
	public int failedOpens() {
		return this.failedOpens;
	}

	/**
	 * When the lockout ends.
	 * @return the instant
	 */
	public Instant until() {
		return this.until;
	}

	@Override
	protected String details() {
		return "failedOpens=" + this.failedOpens + ", until=" + this.until;
	}

}
