package dev.breakglass.autoconfigure;

/**
 * Thrown at start-up when the redis stores would run on a Redis client that may send a
 * command a second time after a reconnect, so that a consume whose reply was lost could
 * answer "not found" for the secret its own first run spent.
 */
final class RedisClientResendsException extends RuntimeException {

	RedisClientResendsException(String message) {
		super(message);
	}

}
