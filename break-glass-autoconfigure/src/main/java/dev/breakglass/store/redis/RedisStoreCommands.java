package dev.breakglass.store.redis;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.breakglass.store.StoreUnavailableException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisAccessor;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.RedisConnectionUtils;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.core.types.Expiration;
import org.springframework.util.Assert;

/**
 * Runs one store's commands and scripts against Redis: the one place the redis backend
 * talks to it. Every Redis failure (unreachable server, timeout, refused command) and
 * every value break-glass cannot read becomes a {@link StoreUnavailableException} that
 * names the store and the operation, never a secret, with the cause attached. When a
 * {@link RedisReplicaAcknowledgement} is required, every write is followed by
 * {@code WAIT} on the same connection, and too few acknowledgements fail the call too.
 */
final class RedisStoreCommands {

	/**
	 * Longest expiry given to Redis: an expiry further away (say {@code Instant.MAX}) is
	 * shortened to this, which only makes an entry leave sooner.
	 */
	static final Duration MAX_TTL = Duration.ofDays(100 * 365);

	/**
	 * Deletes KEYS[1] only if its value starts with ARGV[1], answering 1, else 0. Atomic
	 * because Redis runs a script without interleaving other commands: a value written in
	 * between, by any node, stays.
	 */
	private static final RedisScript<Long> DELETE_IF_STARTS_WITH = RedisScript.of("""
			local value = redis.call('GET', KEYS[1])
			if value and string.sub(value, 1, #ARGV[1]) == ARGV[1] then
				redis.call('DEL', KEYS[1])
				return 1
			end
			return 0
			""", Long.class);

	/**
	 * Returns the value of KEYS[1] with what the command ARGV[1] ({@code PTTL} or
	 * {@code PEXPIRETIME}) tells of its expiry, and, when ARGV[2] is {@code del}, deletes
	 * it; an empty list when there is none. Atomic because Redis runs a script without
	 * interleaving other commands, and time stands still inside it: of racing takers, on
	 * any node, only the first finds the value, and the expiry read is the one the value
	 * had.
	 */
	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> GET_WITH_EXPIRY = RedisScript.of("""
			local value = redis.call('GET', KEYS[1])
			if not value then
				return {}
			end
			local expiry = redis.call(ARGV[1], KEYS[1])
			if ARGV[2] == 'del' then
				redis.call('DEL', KEYS[1])
			end
			return { value, expiry }
			""", List.class);

	/**
	 * Sets the time to live of KEYS[1] to ARGV[2] milliseconds only if its value is
	 * ARGV[1], answering 1, else 0. Atomic because Redis runs a script without
	 * interleaving other commands: a value written in between, by any node, keeps its
	 * own.
	 */
	private static final RedisScript<Long> EXPIRE_IF_EQUALS = RedisScript.of("""
			if redis.call('GET', KEYS[1]) == ARGV[1] then
				return redis.call('PEXPIRE', KEYS[1], ARGV[2])
			end
			return 0
			""", Long.class);

	/**
	 * Appends ARGV[2] to the list KEYS[1] only if its last element is ARGV[1] (the empty
	 * string: only if the list is empty), answering the new length, else 0. Atomic
	 * because Redis runs a script without interleaving other commands: of racing appends
	 * that read the same last element, on any node, one appends and the others answer 0.
	 */
	private static final RedisScript<Long> APPEND_IF_LAST = RedisScript.of("""
			local last = redis.call('LINDEX', KEYS[1], -1)
			if (last or '') == ARGV[1] then
				return redis.call('RPUSH', KEYS[1], ARGV[2])
			end
			return 0
			""", Long.class);

	private final RedisOperations<String, String> redis;

	private final String store;

	private final RedisReplicaAcknowledgement acknowledgement;

	/**
	 * Create the commands of one store.
	 * @param redis the template, with string keys and values
	 * @param store the store's name in messages, e.g. "Redis OTP store"
	 */
	RedisStoreCommands(RedisOperations<String, String> redis, String store) {
		this(redis, store, RedisReplicaAcknowledgement.NONE);
	}

	/**
	 * Create the commands of one store.
	 * @param redis the template, with string keys and values (a {@code RedisTemplate}
	 * when replicas must acknowledge, so that {@code WAIT} can follow a write on its
	 * connection)
	 * @param store the store's name in messages, e.g. "Redis OTP store"
	 * @param acknowledgement how many replicas must acknowledge each write
	 */
	RedisStoreCommands(RedisOperations<String, String> redis, String store,
			RedisReplicaAcknowledgement acknowledgement) {
		Assert.notNull(redis, "redis must not be null");
		Assert.notNull(acknowledgement, "acknowledgement must not be null");
		Assert.isTrue(!acknowledgement.isRequired() || redis instanceof RedisAccessor,
				"waiting for replicas needs a RedisTemplate");
		this.redis = redis;
		this.store = store;
		this.acknowledgement = acknowledgement;
	}

	/**
	 * {@code GET key}.
	 * @return the value, or {@code null} when there is none
	 */
	@Nullable String get(String operation, String key) {
		return unlessSpent(execute(operation, () -> this.redis.opsForValue().get(key)));
	}

	/**
	 * {@code GETDEL key}: one command that removes the value and returns it.
	 * @return the value, or {@code null} when there was none
	 */
	@Nullable String getAndDelete(String operation, String key) {
		return unlessSpent(write(operation, () -> this.redis.opsForValue().getAndDelete(key)));
	}

	/**
	 * {@code SET key value PX ttl}.
	 */
	void set(String operation, String key, String value, Duration ttl) {
		write(operation, () -> {
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
		return unlessSpent(write(operation, () -> this.redis.opsForValue().setGet(key, value, expiration(ttl))));
	}

	/**
	 * {@code SET key value NX PX ttl}.
	 * @return whether the value was set: false when the key exists
	 */
	boolean setIfAbsent(String operation, String key, String value, Duration ttl) {
		Object stored = write(operation, () -> this.redis.opsForValue().setIfAbsent(key, value, expiration(ttl)));
		if (stored == null) {
			throw new StoreUnavailableException(message(operation) + ": Redis gave no answer to SET NX",
					new IllegalStateException("SET NX returned no reply"));
		}
		return Boolean.TRUE.equals(stored);
	}

	/**
	 * Delete a key only if its value starts with a prefix, atomically.
	 * @return whether it was deleted
	 */
	boolean deleteIfStartsWith(String operation, String key, String prefix) {
		Long deleted = run(operation, DELETE_IF_STARTS_WITH, key, prefix);
		return deleted != null && deleted == 1;
	}

	/**
	 * Take a value with its expiry and delete it, atomically: of racing callers, across
	 * threads and nodes, exactly one gets it.
	 * @param expiry {@code PTTL} for the milliseconds it had left, {@code PEXPIRETIME}
	 * for when it would have expired, in Redis's epoch milliseconds
	 * @return the value and its expiry, or {@code null} when there was none
	 */
	@Nullable Taken takeWithExpiry(String operation, String key, String expiry) {
		return withExpiry(operation, run(operation, GET_WITH_EXPIRY, key, expiry, "del"));
	}

	/**
	 * Read a value with the milliseconds it has left ({@code PTTL}), in one script: a
	 * read, which waits for no replica.
	 * @return the value and its time to live, or {@code null} when there is none
	 */
	@Nullable Taken getWithTimeToLive(String operation, String key) {
		return withExpiry(operation,
				execute(operation, () -> this.redis.execute(GET_WITH_EXPIRY, List.of(key), "PTTL", "keep")));
	}

	private @Nullable Taken withExpiry(String operation, @Nullable List<?> reply) {
		if (reply == null || reply.isEmpty()) {
			return null;
		}
		Taken found = read(operation, () -> {
			if (reply.size() != 2 || !(reply.get(0) instanceof String value)
					|| !(reply.get(1) instanceof Long millis)) {
				throw new InvalidRedisValueException("get-with-expiry script gave an unexpected reply");
			}
			return new Taken(value, millis);
		});
		return (unlessSpent(found.value()) != null) ? found : null;
	}

	/**
	 * Move the expiry of a value that is still the one read, with one script.
	 * @param value the value read before
	 * @param ttl its new time to live
	 * @return whether the key still held the value, and now expires after {@code ttl}
	 */
	boolean expireIfEquals(String operation, String key, String value, Duration ttl) {
		Long moved = run(operation, EXPIRE_IF_EQUALS, key, value, Long.toString(ttl.toMillis()));
		return moved != null && moved == 1L;
	}

	/**
	 * A value as the stores read it: a marker an earlier version left in place of a
	 * consumed secret ({@link RedisValueCodec#SPENT}) is no value.
	 */
	static @Nullable String unlessSpent(@Nullable String value) {
		return (value != null && value.startsWith(RedisValueCodec.SPENT_TAG)) ? null : value;
	}

	/**
	 * {@code LRANGE key start stop}.
	 * @return the elements, oldest first
	 */
	List<String> range(String operation, String key, long start, long stop) {
		List<String> elements = execute(operation, () -> this.redis.opsForList().range(key, start, stop));
		return (elements != null) ? elements : List.of();
	}

	/**
	 * Append to a list if its last element is the one expected.
	 * @param expectedLast the last element read before, or the empty string for an empty
	 * list
	 * @return whether it was appended
	 */
	boolean appendIfLast(String operation, String key, String expectedLast, String value) {
		Long length = run(operation, APPEND_IF_LAST, key, expectedLast, value);
		return length != null && length > 0;
	}

	void ping(String operation) {
		execute(operation, () -> this.redis.execute((RedisCallback<String>) RedisConnection::ping));
	}

	void delete(String operation, String key) {
		write(operation, () -> this.redis.delete(key));
	}

	/**
	 * Delete a key and every key that matches a pattern, one key at a time (keys of
	 * different slots cannot go in one command on Redis Cluster). Lists the keys with
	 * {@code KEYS}, which walks every key of the server: for operators and tests, never
	 * on a hot path.
	 */
	void deleteMatching(String operation, String key, String pattern) {
		delete(operation, key);
		Set<String> matching = execute(operation, () -> this.redis.keys(pattern));
		if (matching != null) {
			for (String match : matching) {
				delete(operation, match);
			}
		}
	}

	/**
	 * Run a script on one key (so that it runs on Redis Cluster too), by its SHA-1,
	 * loading it again if the server has forgotten it.
	 */
	<T> @Nullable T run(String operation, RedisScript<T> script, String key, String... args) {
		return write(operation, () -> this.redis.execute(script, List.of(key), (Object[]) args));
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

	/**
	 * Run a command that writes, then, when replicas must acknowledge, {@code WAIT} for
	 * them. Both go down one pipeline, so that they share a connection (WAIT counts the
	 * writes of the connection that sends it) and that connection is a dedicated one:
	 * Lettuce sends a pipeline on a connection of its own, never on the native connection
	 * it shares between threads, which WAIT would block for everyone.
	 */
	@SuppressWarnings("unchecked")
	private <T> @Nullable T write(String operation, Supplier<@Nullable T> command) {
		if (!this.acknowledgement.isRequired()) {
			return execute(operation, command);
		}
		RedisConnectionFactory connectionFactory = ((RedisAccessor) this.redis).getRequiredConnectionFactory();
		List<Object> replies = execute(operation, () -> this.redis.executePipelined(new SessionCallback<>() {

			@Override
			@SuppressWarnings("NullAway") // executePipelined requires the callback to
											// return null
			public <K, V> @Nullable Object execute(RedisOperations<K, V> operations) {
				command.get();
				// The pipelined connection is bound to this thread for the session.
				RedisConnection connection = RedisConnectionUtils.getConnection(connectionFactory);
				try {
					if (connection instanceof RedisClusterConnection) {
						throw new InvalidDataAccessApiUsageException(
								"break-glass cannot wait for replicas on Redis Cluster");
					}
					RedisWaitCommand.send(connection, RedisStoreCommands.this.acknowledgement);
				}
				finally {
					RedisConnectionUtils.releaseConnection(connection, connectionFactory);
				}
				return null;
			}

		}));
		if (replies == null || replies.size() != 2 || !(replies.get(1) instanceof Long acknowledged)) {
			throw new StoreUnavailableException(message(operation) + ": Redis gave no answer to WAIT",
					new IllegalStateException("WAIT returned no reply"));
		}
		int required = this.acknowledgement.replicas();
		if (acknowledged < required) {
			throw new StoreUnavailableException(message(operation) + ": only " + acknowledged + " of " + required
					+ " replicas acknowledged the write within " + this.acknowledgement.timeout()
					+ "; it stands on the primary", new IllegalStateException("WAIT returned " + acknowledged));
		}
		return (T) replies.get(0);
	}

	private <T> @Nullable T execute(String operation, Supplier<@Nullable T> command) {
		try {
			return command.get();
		}
		catch (DataAccessException ex) {
			throw new StoreUnavailableException(message(operation) + ": " + why(ex), ex);
		}
	}

	/**
	 * Why a call failed, as far as the client can tell: the client sends a call at most
	 * once, so a call that was sent and got no reply may or may not have run.
	 */
	private static String why(DataAccessException ex) {
		if (ex instanceof QueryTimeoutException) {
			return "no reply came within the command timeout, so whether Redis ran the call is unknown; "
					+ "it is not sent again (a secret it consumed stays spent)";
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			String text = String.valueOf(cause.getMessage());
			if (text.contains("not connected")) {
				return "Redis is unreachable: the client is not connected, and the call was not sent";
			}
			if (text.contains("Connection closed") || text.contains("Connection reset")
					|| text.contains("disconnected")) {
				return "the connection broke before the reply came, so whether Redis ran the call is unknown; "
						+ "it is not sent again (a secret it consumed stays spent)";
			}
		}
		return "Redis is unreachable or refused the command";
	}

	private String message(String operation) {
		return this.store + " could not " + operation;
	}

	/**
	 * A value taken with its expiry.
	 *
	 * @param value the value
	 * @param expiry what {@code PTTL} or {@code PEXPIRETIME} answered, in milliseconds
	 */
	record Taken(String value, long expiry) {

	}

	static Expiration expiration(Duration ttl) {
		Assert.isTrue(ttl.compareTo(Duration.ZERO) > 0, "ttl must be positive");
		Duration capped = (ttl.compareTo(MAX_TTL) > 0) ? MAX_TTL : ttl;
		// Redis expires to the millisecond: round up, so nothing lives shorter than
		// asked.
		long millis = capped.toMillis() + ((capped.toNanosPart() % 1_000_000 != 0) ? 1 : 0);
		return Expiration.milliseconds(millis);
	}

}
