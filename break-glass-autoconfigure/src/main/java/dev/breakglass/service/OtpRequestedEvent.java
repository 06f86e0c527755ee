package dev.breakglass.service;

import java.time.Instant;

/**
 * An OTP was generated and handed to the {@link OtpSender}.
 */
public final class OtpRequestedEvent extends BreakGlassEvent {

	private final Instant expiresAt;

	OtpRequestedEvent(BreakGlassService source, Instant timestamp, Instant expiresAt) {
		super(source, timestamp);
		this.expiresAt = expiresAt;
	}

	/**
	 * When the OTP expires.
	 * @return the instant
	 */
	public Instant expiresAt() {
		return this.expiresAt;
	}

	@Override
	public String toString() {
		return "OtpRequestedEvent[expiresAt=" + this.expiresAt + "]";
	}

}
