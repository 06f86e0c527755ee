package dev.breakglass.store;

import java.util.Optional;

/**
 * Single-use authorization codes, keyed by a hash of the code. A code is never
 * overwritten, and {@link #take} is an atomic fetch-and-delete: of any number of racing
 * takers of one code, across threads and nodes, exactly one gets it.
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

}
