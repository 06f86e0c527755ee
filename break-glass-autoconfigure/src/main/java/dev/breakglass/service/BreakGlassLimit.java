package dev.breakglass.service;

/**
 * The limits of the break-glass flow, as {@link BreakGlassThrottledException} names them.
 */
public enum BreakGlassLimit {

	/**
	 * OTP requests of one requester per window.
	 */
	REQUESTS_PER_REQUESTER,

	/**
	 * OTP requests of all requesters together per window. Refuses only callers with no
	 * principal; for signed-in requesters it raises an {@link OtpRequestSurgeEvent}.
	 */
	REQUESTS,

	/**
	 * Consecutive failed opens of one principal: its opens are locked out for
	 * {@code break-glass.limits.lockout}.
	 */
	FAILED_OPENS,

	/**
	 * Consecutive failed opens of one principal reached
	 * {@code break-glass.limits.lock-after-failures}: its opens are locked until an
	 * operator calls {@link BreakGlassService#unlock}.
	 */
	LOCKED

}
