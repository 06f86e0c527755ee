package dev.breakglass.service;

import java.time.Instant;

import dev.breakglass.store.OtpVerification;

/**
 * An OTP presented to open a session was rejected.
 */
public final class OtpRejectedEvent extends BreakGlassEvent {

	private final OtpVerification reason;

	OtpRejectedEvent(BreakGlassService source, Instant timestamp, OtpVerification reason) {
		super(source, timestamp);
		this.reason = reason;
	}

	/**
	 * Why it was rejected.
	 * @return the outcome of verifying it
	 */
	public OtpVerification reason() {
		return this.reason;
	}

	@Override
	public String toString() {
		return "OtpRejectedEvent[reason=" + this.reason + "]";
	}

}
