package dev.breakglass.store.redis;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.breakglass.store.AttemptCount;
import dev.breakglass.store.AttemptCounterStore;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.util.Assert;

/**
 * {@link AttemptCounterStore} in Redis, shared by every node on the server. Each counter
 * is one key, named by a SHA-256 of the counter's name and expiring with its window, and
 * each count is one script on that key alone (so it runs on Redis Cluster too), with
 * Redis's clock: racing counts on any nodes never let more than the limit through. Fails
 * closed: a Redis failure throws {@link dev.breakglass.store.StoreUnavailableException}.
 */
public final class RedisAttemptCounterStore implements AttemptCounterStore {

	/**
	 * Counts an attempt: ARGV[1] is the limit, ARGV[2] the window in milliseconds,
	 * ARGV[3] '1' when an allowed attempt restarts the window. Returns the attempts
	 * counted and the milliseconds left in the window. Atomic because Redis runs a script
	 * without interleaving other commands; a key without expiry (written by hand) starts
	 * a new window rather than locking forever, and a value that is not a number fails
	 * the call.
	 */
	static final String COUNT_SCRIPT = """
			local limit = tonumber(ARGV[1])
			local window = tonumber(ARGV[2])
			local value = redis.call('GET', KEYS[1])
			local ttl = redis.call('PTTL', KEYS[1])
			if not value or ttl < 0 then
				redis.call('SET', KEYS[1], '1', 'PX', window)
				return { 1, window }
			end
			local attempts = tonumber(value)
			if not attempts then
				return redis.error_reply('break-glass attempt counter holds no number')
			end
			if attempts < limit then
				attempts = attempts + 1
				if ARGV[3] == '1' then
					redis.call('SET', KEYS[1], attempts, 'PX', window)
					return { attempts, window }
				end
				redis.call('SET', KEYS[1], attempts, 'KEEPTTL')
				return { attempts, ttl }
			end
			redis.call('SET', KEYS[1], limit + 1, 'KEEPTTL')
			return { limit + 1, ttl }
			""";

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> COUNT = RedisScript.of(COUNT_SCRIPT, List.class);

	/**
	 * Returns the attempts counted and the milliseconds left in the window, without
	 * counting; an empty list when there is no live counter. One script, so the time left
	 * is the one of the count read.
	 */
	static final String PEEK_SCRIPT = """
			local value = redis.call('GET', KEYS[1])
			local ttl = redis.call('PTTL', KEYS[1])
			if not value or ttl < 0 then
				return {}
			end
			local attempts = tonumber(value)
			if not attempts then
				return redis.error_reply('break-glass attempt counter holds no number')
			end
			return { attempts, ttl }
			""";

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> PEEK = RedisScript.of(PEEK_SCRIPT, List.class);

	private final RedisStoreCommands redis;

	private final RedisKeys keys;

	/**
	 * Create a store.
	 * @param redis the template, with string keys and values
	 * @param keyPrefix prefix of the store's keys
	 */
	public RedisAttemptCounterStore(RedisOperations<String, String> redis, String keyPrefix) {
		this.redis = new RedisStoreCommands(redis, "Redis attempt counter store");
		this.keys = new RedisKeys(keyPrefix);
	}

	@Override
	public AttemptCount countInWindow(String counter, int limit, Duration window) {
		return count(counter, limit, window, false);
	}

	@Override
	public AttemptCount countConsecutive(String counter, int limit, Duration lockout) {
		return count(counter, limit, lockout, true);
	}

	@Override
	public Optional<AttemptCount> peek(String counter, int limit) {
		AttemptCount.check(counter, limit, Duration.ofMillis(1));
		List<?> peeked = this.redis.run("tell an attempt count", PEEK, this.keys.attemptCounter(counter));
		if (peeked == null || peeked.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(this.redis.read("tell an attempt count", () -> attemptCount(peeked, limit)));
	}

	@Override
	public void reset(String counter) {
		Assert.notNull(counter, "counter must not be null");
		this.redis.delete("reset an attempt counter", this.keys.attemptCounter(counter));
	}

	private AttemptCount count(String counter, int limit, Duration window, boolean restartWhenAllowed) {
		AttemptCount.check(counter, limit, window);
		List<?> counted = this.redis.run("count an attempt", COUNT, this.keys.attemptCounter(counter),
				Integer.toString(limit), Long.toString(window.toMillis()), restartWhenAllowed ? "1" : "0");
		return this.redis.read("count an attempt", () -> attemptCount(counted, limit));
	}

	private static AttemptCount attemptCount(@Nullable List<?> counted, int limit) {
		if (counted == null || counted.size() != 2 || !(counted.get(0) instanceof Long attempts)
				|| !(counted.get(1) instanceof Long millis)) {
			throw new InvalidRedisValueException("attempt counter script returned an unexpected reply");
		}
		return new AttemptCount(attempts.intValue(), limit, Duration.ofMillis(millis));
	}

}
