package dev.breakglass.service;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.breakglass.store.OtpVerification;

/**
 * An OTP presented to open a session was rejected. Carries who asked for the OTP that was
 * pending, if one was.
 */
public final class OtpRejectedEvent extends BreakGlassEvent {

	private final OtpVerification verification;

	OtpRejectedEvent(BreakGlassService source, Instant timestamp, @Nullable String principal,
			@Nullable BreakGlassRequest request, OtpVerification verification) {
		super(source, timestamp, principal, request);
		this.verification = verification;
	}

	/**
	 * Why it was rejected.
	 * @return the outcome of verifying it, never {@link OtpVerification#VALID}
	 */
	public OtpVerification verification() {
		return this.verification;
	}

	@Override
	protected String details() {
		return "verification=" + this.verification;
	}

}
