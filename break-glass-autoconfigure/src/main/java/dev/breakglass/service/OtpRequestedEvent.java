package dev.breakglass.service;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An OTP was generated and handed to the {@link OtpSender}.
 */
public final class OtpRequestedEvent extends BreakGlassEvent {

	private final Instant expiresAt;

	OtpRequestedEvent(BreakGlassService source, Instant timestamp, @Nullable String principal,
			BreakGlassRequest request, Instant expiresAt) {
		super(source, timestamp, principal, request);
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
	protected String details() {
		return "expiresAt=" + this.expiresAt;
	}

}
