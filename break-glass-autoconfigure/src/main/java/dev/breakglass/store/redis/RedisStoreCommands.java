package dev.breakglass.store.redis;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.breakglass.store.StoreUnavailableException;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.core.types.Expiration;
import org.springframework.util.Assert;

/**
 * Runs one store's commands and scripts against Redis: the one place the redis backend
 * talks to it. Every Redis failure (unreachable server, timeout, refused command) and
 * every value break-glass cannot read becomes a {@link StoreUnavailableException} that
 * names the store and the operation, never a secret, with the cause attached.
 */
final class RedisStoreCommands {

	/**
	 * Longest expiry given to Redis: an expiry further away (say {@code Instant.MAX}) is
	 * shortened to this, which only makes an entry leave sooner.
	 */
	static final Duration MAX_TTL = Duration.ofDays(100 * 365);

	/**
	 * Returns the value and deletes it. Atomic because Redis runs a script without
	 * interleaving other commands: of racing callers only the first finds the value.
	 */
	static final String GET_AND_DELETE_SCRIPT = """
			local value = redis.call('GET', KEYS[1])
			if value then
				redis.call('DEL', KEYS[1])
			end
			return value
			""";

	private static final RedisScript<String> GET_AND_DELETE = RedisScript.of(GET_AND_DELETE_SCRIPT, String.class);

	private final RedisOperations<String, String> redis;

	private final String store;

	/**
	 * Create the commands of one store.
	 * @param redis the template, with string keys and values
	 * @param store the store's name in messages, e.g. "Redis OTP store"
	 */
	RedisStoreCommands(RedisOperations<String, String> redis, String store) {
		Assert.notNull(redis, "redis must not be null");
		this.redis = redis;
		this.store = store;
	}

	@Nullable String get(String operation, String key) {
		return execute(operation, () -> this.redis.opsForValue().get(key));
	}

	/**
	 * {@code SET key value PX ttl}.
	 */
	void set(String operation, String key, String value, Duration ttl) {
		execute(operation, () -> {
			this.redis.opsForValue().set(key, value, expiration(ttl));
			return null;
		});
	}

	/**
	 * {@code SET key value PX ttl GET}: one command that replaces the value and returns
	 * the one it replaced.
	 * @return the replaced value, or {@code null} when there was none
	 */
	@Nullable String setAndGet(String operation, String key, String value, Duration ttl) {
		return execute(operation, () -> this.redis.opsForValue().setGet(key, value, expiration(ttl)));
	}

	/**
	 * {@code SET key value NX PX ttl}.
	 * @return whether the value was set: false when the key exists
	 */
	boolean setIfAbsent(String operation, String key, String value, Duration ttl) {
		Boolean stored = execute(operation, () -> this.redis.opsForValue().setIfAbsent(key, value, expiration(ttl)));
		if (stored == null) {
			throw new StoreUnavailableException(message(operation) + ": Redis gave no answer to SET NX",
					new IllegalStateException("SET NX returned no reply"));
		}
		return stored;
	}

	/**
	 * Get a value and delete it, atomically: of racing callers, across threads and nodes,
	 * exactly one gets it.
	 * @return the value, or {@code null} when there was none
	 */
	@Nullable String getAndDelete(String operation, String key) {
		return run(operation, GET_AND_DELETE, key);
	}

	void delete(String operation, String key) {
		execute(operation, () -> this.redis.delete(key));
	}

	/**
	 * Run a script on one key (so that it runs on Redis Cluster too), by its SHA-1,
	 * loading it again if the server has forgotten it.
	 */
	<T> @Nullable T run(String operation, RedisScript<T> script, String key, String... args) {
		return execute(operation, () -> this.redis.execute(script, List.of(key), (Object[]) args));
	}

	/**
	 * Decode what Redis returned.
	 * @param operation the operation, for the message
	 * @param decoding decodes the value, throwing {@link InvalidRedisValueException} when
	 * it cannot
	 * @return what the decoding returns
	 */
	<T> T read(String operation, Supplier<T> decoding) {
		try {
			return decoding.get();
		}
		catch (InvalidRedisValueException ex) {
			throw new StoreUnavailableException(
					message(operation)
							+ ": Redis holds a value break-glass cannot read (written by another version, or by hand)",
					ex);
		}
	}

	private <T> @Nullable T execute(String operation, Supplier<@Nullable T> command) {
		try {
			return command.get();
		}
		catch (DataAccessException ex) {
			throw new StoreUnavailableException(message(operation) + ": Redis is unreachable or refused the command",
					ex);
		}
	}

	private String message(String operation) {
		return this.store + " could not " + operation;
	}

	private static Expiration expiration(Duration ttl) {
		Assert.isTrue(ttl.compareTo(Duration.ZERO) > 0, "ttl must be positive");
		Duration capped = (ttl.compareTo(MAX_TTL) > 0) ? MAX_TTL : ttl;
		// Redis expires to the millisecond: round up, so nothing lives shorter than
		// asked.
		long millis = capped.toMillis() + ((capped.toNanosPart() % 1_000_000 != 0) ? 1 : 0);
		return Expiration.milliseconds(millis);
	}

}
