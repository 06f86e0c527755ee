package dev.breakglass.store.redis;

/**
 * Thrown when a value read from Redis is not one break-glass wrote: another format
 * version, garbage, or a record without the expiry it must have. The message describes
 * what is wrong, never the value.
 */
class InvalidRedisValueException extends IllegalStateException {

	InvalidRedisValueException(String message) {
		super(message);
	}

}
