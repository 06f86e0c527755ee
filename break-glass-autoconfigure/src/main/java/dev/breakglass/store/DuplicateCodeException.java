package dev.breakglass.store;

/**
 * Thrown by {@link AuthorizationCodeStore#put} when a code with the same hash is already
 * stored. The message never carries the hash.
 */
public class DuplicateCodeException extends RuntimeException {

	public DuplicateCodeException() {
		super("An authorization code with the same hash is already stored");
	}

}
