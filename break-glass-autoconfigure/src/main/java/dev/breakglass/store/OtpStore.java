package dev.breakglass.store;

import java.util.Optional;

/**
 * At most one pending one-time password, with who asked for it and why. {@link #verify}
 * always clears the pending OTP, whatever the outcome, so each OTP gets exactly one guess
 * and two racing verifications can never both see it.
 */
public interface OtpStore {

	/**
	 * Generate a new OTP and make it the only pending one.
	 * @param attribution who asks for it and why; kept with it
	 * @return a zero-padded numeric code of the configured length
	 */
	String generate(Attribution attribution);

	/**
	 * Verify a code against the pending OTP and clear it. Expiry is checked before the
	 * code is compared, so an expired OTP says {@link OtpVerification#EXPIRED} even when
	 * the code is right.
	 * @param code the code presented
	 * @return the outcome, with who asked for the pending OTP and why
	 */
	OtpVerificationResult verify(String code);

	/**
	 * Atomically remove the pending OTP if it is this code, and leave any other alone: a
	 * caller withdraws the OTP it generated, never one another caller generated since.
	 * @param code the code {@link #generate} returned
	 * @return whether this call removed it
	 */
	boolean withdraw(String code);

	/**
	 * Tell about the pending, unexpired OTP, for operators (never the code or its
	 * digest). A read: the OTP stays pending.
	 * @return how long it stays valid and who asked for it and why, if one is pending and
	 * unexpired
	 * @throws UnsupportedOperationException if the store cannot tell
	 */
	default Optional<PendingOtpStatus> pending() {
		throw new UnsupportedOperationException(getClass().getName() + " cannot tell the pending OTP");
	}

	/**
	 * Remove the pending OTP, if any.
	 */
	void clear();

}
