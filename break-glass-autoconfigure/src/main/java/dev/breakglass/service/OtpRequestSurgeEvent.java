package dev.breakglass.service;

import java.time.Duration;
import java.time.Instant;

/**
 * An alert: the OTP requests of all signed-in requesters together used up
 * {@code break-glass.limits.requests} in one window. Nobody is refused for it, since one
 * login could then deny everyone emergency access; each requester stays limited by
 * {@code break-glass.limits.requests-per-requester}. Published once per window, carrying
 * the request that reached the figure.
 */
public final class OtpRequestSurgeEvent extends BreakGlassEvent {

	private final int requests;

	private final Duration windowEndsIn;

	OtpRequestSurgeEvent(BreakGlassService source, Instant timestamp, String principal, BreakGlassRequest request,
			int requests, Duration windowEndsIn) {
		super(source, timestamp, principal, request);
		this.requests = requests;
		this.windowEndsIn = windowEndsIn;
	}

	/**
	 * How many requests the window counted, this one included.
	 * @return the number
	 */
	public int requests() {
		return this.requests;
	}

	/**
	 * How long until the window ends.
	 * @return the duration
	 */
	public Duration windowEndsIn() {
		return this.windowEndsIn;
	}

	@Override
	protected String details() {
		return "requests=" + this.requests + ", windowEndsIn=" + this.windowEndsIn;
	}

}
