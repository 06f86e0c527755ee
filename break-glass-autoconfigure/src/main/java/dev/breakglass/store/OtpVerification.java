package dev.breakglass.store;

/**
 * Outcome of {@link OtpStore#verify(String)}.
 */
public enum OtpVerification {

	/**
	 * The code matched the pending, unexpired OTP.
	 */
	VALID,

	/**
	 * The code did not match the pending OTP.
	 */
	INVALID,

	/**
	 * The pending OTP had expired; the code was not compared.
	 */
	EXPIRED,

	/**
	 * No OTP was pending.
	 */
	NO_PENDING_OTP

}
