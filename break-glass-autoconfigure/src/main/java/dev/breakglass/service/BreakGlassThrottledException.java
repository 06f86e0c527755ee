package dev.breakglass.service;

import java.time.Duration;

/**
 * Thrown when a limit holds: nothing was generated, sent or verified, and the pending
 * OTP, if any, is untouched. The attempt was counted all the same.
 */
public class BreakGlassThrottledException extends RuntimeException {

	private final BreakGlassLimit limit;

	private final Duration retryAfter;

	public BreakGlassThrottledException(BreakGlassLimit limit, Duration retryAfter) {
		super("Break-glass limit " + limit + " holds; retry after " + retryAfter);
		this.limit = limit;
		this.retryAfter = retryAfter;
	}

	/**
	 * Which limit holds.
	 * @return the limit
	 */
	public BreakGlassLimit limit() {
		return this.limit;
	}

	/**
	 * How long until the limit lets an attempt through again.
	 * @return the duration, never negative
	 */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
