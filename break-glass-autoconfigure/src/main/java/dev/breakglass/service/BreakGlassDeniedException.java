package dev.breakglass.service;

import dev.breakglass.store.OtpVerification;

/**
 * Thrown by {@link BreakGlassService#open} when the OTP presented does not open a
 * session. The OTP is spent all the same.
 */
public class BreakGlassDeniedException extends RuntimeException {

	private final OtpVerification reason;

	public BreakGlassDeniedException(OtpVerification reason) {
		super("Break-glass session denied: " + reason);
		this.reason = reason;
	}

	/**
	 * Why the session was denied.
	 * @return the outcome of verifying the OTP, never {@link OtpVerification#VALID}
	 */
	public OtpVerification reason() {
		return this.reason;
	}

}
