package dev.breakglass.store;

/**
 * Thrown when a backend cannot reach or use its server. A store never answers as if a
 * secret were valid, or silently as if it were unknown, when its server fails: it throws
 * this, with the server's exception as the cause. The message never carries a secret.
 */
public class StoreUnavailableException extends RuntimeException {

	public StoreUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
