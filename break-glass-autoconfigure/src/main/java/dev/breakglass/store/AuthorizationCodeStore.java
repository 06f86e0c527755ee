package dev.breakglass.store;

import java.util.Optional;

/**
 * Single-use authorization codes, keyed by a hash of the code. A code is never
 * overwritten, and {@link #take} and {@link #redeem} are atomic: of any number of racing
 * takers or redeemers of one code, across threads and nodes, exactly one gets it.
 * {@link #redeem} also remembers, until the code's expiry, that the code was redeemed, so
 * that a code presented twice can be told from an unknown one.
 */
public interface AuthorizationCodeStore {

	/**
	 * Store a new code.
	 * @param code the code
	 * @throws DuplicateCodeException if a code with the same hash is stored; the stored
	 * one is left untouched
	 */
	void put(AuthorizationCode code);

	/**
	 * Atomically fetch and delete a code. Expiry is not checked here: the caller decides
	 * what an expired code means.
	 * @param codeHash the hash of the code presented
	 * @return the code, to exactly one caller; empty when unknown or already taken
	 */
	Optional<AuthorizationCode> take(String codeHash);

	/**
	 * Atomically fetch a code and leave a tombstone in its place, in the same step, that
	 * lasts at least until the code's expiry: every later redemption of the hash then
	 * answers {@link Redemption.AlreadyRedeemed} with the code's data, so that the caller
	 * can revoke what the first one granted (RFC 6749 4.1.2). A tombstone cannot be
	 * {@linkplain #take taken} and blocks a {@link #put} of the same hash; once the
	 * code's expiry has passed it may be gone. Expiry of a live code is not checked here.
	 * @param codeHash the hash of the code presented
	 * @return {@link Redemption.Redeemed} to exactly one caller,
	 * {@link Redemption.AlreadyRedeemed} to every later one, {@link Redemption.Unknown}
	 * when the code was never stored, was taken, or its tombstone is gone
	 */
	Redemption redeem(String codeHash);

}
