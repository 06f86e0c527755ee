package dev.breakglass.service;

import java.time.Instant;

/**
 * A second person approved a break-glass request, and its OTP was sent to the requester.
 * {@link #principal()} is the approver, as signed in; the request is the one approved.
 */
public final class RequestApprovedEvent extends BreakGlassEvent {

	private final Instant otpExpiresAt;

	RequestApprovedEvent(BreakGlassService source, Instant timestamp, String approver, BreakGlassRequest request,
			Instant otpExpiresAt) {
		super(source, timestamp, approver, request);
		this.otpExpiresAt = otpExpiresAt;
	}

	/**
	 * Until when the requester can open a session with the OTP.
	 * @return the instant
	 */
	public Instant otpExpiresAt() {
		return this.otpExpiresAt;
	}

	@Override
	protected String details() {
		return "otpExpiresAt=" + this.otpExpiresAt;
	}

}
