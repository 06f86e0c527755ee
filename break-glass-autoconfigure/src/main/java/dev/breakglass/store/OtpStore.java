package dev.breakglass.store;

import java.util.Optional;

/**
 * Pending one-time passwords, at most one per owner, with who asked for each and why. The
 * owner is whoever is signed in when the OTP is asked for; a flow without sign-in uses
 * the {@link #SHARED} owner, and so keeps the seed's "at most one pending OTP".
 * {@link #verify} always clears the owner's pending OTP, whatever the outcome, so each
 * OTP gets exactly one guess and two racing verifications can never both see it; nothing
 * done under one owner generates, replaces, spends or withdraws another owner's OTP.
 */
public interface OtpStore {

	/**
	 * The owner of the one OTP of a flow without sign-in.
	 */
	String SHARED = "";

	/**
	 * Generate a new OTP and make it the only pending one of the owner.
	 * @param owner who is signed in, or {@link #SHARED}; checked as
	 * {@link Attribution#checkText} checks a requester
	 * @param attribution who asks for it and why; kept with it
	 * @return a zero-padded numeric code of the configured length
	 */
	String generate(String owner, Attribution attribution);

	/**
	 * Verify a code against the owner's pending OTP and clear it. Expiry is checked
	 * before the code is compared, so an expired OTP says {@link OtpVerification#EXPIRED}
	 * even when the code is right.
	 * @param owner who is signed in, or {@link #SHARED}
	 * @param code the code presented
	 * @return the outcome, with who asked for the pending OTP and why
	 */
	OtpVerificationResult verify(String owner, String code);

	/**
	 * Atomically remove the owner's pending OTP if it is this code, and leave any other
	 * alone: a caller withdraws the OTP it generated, never one another caller generated
	 * since.
	 * @param owner the owner it was generated for
	 * @param code the code {@link #generate} returned
	 * @return whether this call removed it
	 */
	boolean withdraw(String owner, String code);

	/**
	 * Tell about the owner's pending, unexpired OTP, for operators (never the code or its
	 * digest). A read: the OTP stays pending.
	 * @param owner the owner
	 * @return how long it stays valid and who asked for it and why, if one is pending and
	 * unexpired
	 * @throws UnsupportedOperationException if the store cannot tell
	 */
	default Optional<PendingOtpStatus> pending(String owner) {
		throw new UnsupportedOperationException(getClass().getName() + " cannot tell the pending OTP");
	}

	/**
	 * Generate the {@link #SHARED} owner's OTP.
	 * @param attribution who asks for it and why; kept with it
	 * @return a zero-padded numeric code of the configured length
	 */
	default String generate(Attribution attribution) {
		return generate(SHARED, attribution);
	}

	/**
	 * Verify a code against the {@link #SHARED} owner's OTP and clear it.
	 * @param code the code presented
	 * @return the outcome, with who asked for the pending OTP and why
	 */
	default OtpVerificationResult verify(String code) {
		return verify(SHARED, code);
	}

	/**
	 * Withdraw the {@link #SHARED} owner's OTP if it is this code.
	 * @param code the code {@link #generate(Attribution)} returned
	 * @return whether this call removed it
	 */
	default boolean withdraw(String code) {
		return withdraw(SHARED, code);
	}

	/**
	 * Tell about the {@link #SHARED} owner's pending, unexpired OTP.
	 * @return how long it stays valid and who asked for it and why, if one is pending
	 * @throws UnsupportedOperationException if the store cannot tell
	 */
	default Optional<PendingOtpStatus> pending() {
		return pending(SHARED);
	}

	/**
	 * Check an owner, the same way on every backend.
	 * @param owner the owner
	 * @return the owner
	 * @throws IllegalArgumentException if it is neither {@link #SHARED} nor a valid
	 * requester
	 */
	static String checkOwner(String owner) {
		return SHARED.equals(owner) ? owner : Attribution.checkText(owner, "owner", Attribution.MAX_REQUESTER_LENGTH);
	}

	/**
	 * Remove every pending OTP, of every owner.
	 */
	void clear();

}
