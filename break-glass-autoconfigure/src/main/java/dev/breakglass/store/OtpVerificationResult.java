package dev.breakglass.store;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What {@link OtpStore#verify} found: the outcome, and who asked for the OTP that was
 * pending and why, whenever one was pending (so that a rejection can be attributed too).
 *
 * @param verification the outcome
 * @param attribution who asked for the pending OTP and why; {@code null} exactly when the
 * outcome is {@link OtpVerification#NO_PENDING_OTP}
 */
public record OtpVerificationResult(OtpVerification verification, @Nullable Attribution attribution) {

	private static final OtpVerificationResult NO_PENDING_OTP = new OtpVerificationResult(
			OtpVerification.NO_PENDING_OTP, null);

	/**
	 * Create a result.
	 * @param verification the outcome
	 * @param attribution who asked for the pending OTP and why
	 */
	public OtpVerificationResult {
		Assert.notNull(verification, "verification must not be null");
		Assert.isTrue((attribution == null) == (verification == OtpVerification.NO_PENDING_OTP),
				"attribution must be present exactly when an OTP was pending");
	}

	/**
	 * The result when no OTP was pending.
	 * @return the result
	 */
	public static OtpVerificationResult noPendingOtp() {
		return NO_PENDING_OTP;
	}

	/**
	 * Whether the code matched the pending, unexpired OTP.
	 * @return whether the outcome is {@link OtpVerification#VALID}
	 */
	public boolean isValid() {
		return this.verification == OtpVerification.VALID;
	}

}
