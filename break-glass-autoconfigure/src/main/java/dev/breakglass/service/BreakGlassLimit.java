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
	 * OTP requests of all requesters together per window.
	 */
	REQUESTS,

	/**
	 * Consecutive failed opens: the flow is locked out.
	 */
	FAILED_OPENS

}
