package dev.breakglass.store;

/**
 * At most one pending one-time password. {@link #verify} always clears the pending OTP,
 * whatever the outcome, so each OTP gets exactly one guess and two racing verifications
 * can never both see it.
 */
public interface OtpStore {

	/**
	 * Generate a new OTP and make it the only pending one.
	 * @return a zero-padded numeric code of the configured length
	 */
	String generate();

	/**
	 * Verify a code against the pending OTP and clear it. Expiry is checked before the
	 * code is compared, so an expired OTP says {@link OtpVerification#EXPIRED} even when
	 * the code is right.
	 * @param code the code presented
	 * @return the outcome
	 */
	OtpVerification verify(String code);

	/**
	 * Remove the pending OTP, if any.
	 */
	void clear();

}
