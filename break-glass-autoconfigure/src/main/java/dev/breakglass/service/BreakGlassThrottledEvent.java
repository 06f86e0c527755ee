package dev.breakglass.service;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A call was refused because a limit holds. An OTP request carries who asked; an open
 * carries no requester, since nothing was verified.
 */
public final class BreakGlassThrottledEvent extends BreakGlassEvent {

	private final BreakGlassLimit limit;

	private final Duration retryAfter;

	BreakGlassThrottledEvent(BreakGlassService source, Instant timestamp, @Nullable String principal,
			@Nullable BreakGlassRequest request, BreakGlassLimit limit, Duration retryAfter) {
		super(source, timestamp, principal, request);
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
	 * How long until it lets an attempt through again.
	 * @return the duration
	 */
	public Duration retryAfter() {
		return this.retryAfter;
	}

	@Override
	protected String details() {
		return "limit=" + this.limit + ", retryAfter=" + this.retryAfter;
	}

}
