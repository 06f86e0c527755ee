package dev.breakglass.service;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Too many consecutive opens of one principal (or, with no one signed in, of everyone
 * without a principal) failed: none of theirs is attempted until {@link #until()}, or,
 * once {@code break-glass.limits.lock-after-failures} failed in a row, until an operator
 * calls {@link BreakGlassService#unlock}. Carries who asked for the OTP the last failed
 * open was presented against, if one was pending. Nobody else's opens are affected.
 */
public final class BreakGlassLockedOutEvent extends BreakGlassEvent {

	private final int failedOpens;

	private final @Nullable Instant until;

	BreakGlassLockedOutEvent(BreakGlassService source, Instant timestamp, @Nullable String principal,
			@Nullable BreakGlassRequest request, int failedOpens, @Nullable Instant until) {
		super(source, timestamp, principal, request);
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
	 * @return the instant, or {@code null} when it lasts until an operator unlocks
	 */
	public @Nullable Instant until() {
		return this.until;
	}

	@Override
	protected String details() {
		return "failedOpens=" + this.failedOpens + ", until=" + ((this.until != null) ? this.until : "unlocked");
	}

}
