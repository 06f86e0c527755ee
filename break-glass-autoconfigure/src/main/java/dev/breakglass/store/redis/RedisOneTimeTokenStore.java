package dev.breakglass.store.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.breakglass.store.ConsumedToken;
import dev.breakglass.store.OneTimeTokenStore;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.StoreLimits;
import dev.breakglass.store.TokenKind;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.util.Assert;

/**
 * {@link OneTimeTokenStore} in Redis, shared by every node on the server. Each token
 * lives under a key derived from its SHA-256, holding only its kind and subject, and
 * Redis expires it. Consuming is one get-and-delete script (Redis 7.0 or later, for
 * {@code PEXPIRETIME}), so of racing consumers on any number of nodes at most one gets
 * the subject, and a token presented with the wrong kind is spent all the same. The
 * script leaves a short-lived {@link RedisSpentMarker} in the token's place, so that a
 * consume the client resent after its reply was lost throws rather than answer "not
 * found". Fails closed: a Redis failure throws
 * {@link dev.breakglass.store.StoreUnavailableException}.
 */
public final class RedisOneTimeTokenStore implements OneTimeTokenStore {

	/**
	 * Returns the value and its expiry (Unix milliseconds, as text), then leaves this
	 * call's marker (ARGV[1], living ARGV[2] milliseconds) in its place; an empty reply
	 * when there is no such key or it holds another call's marker (starts with ARGV[3]),
	 * and the marker alone when it is this call's, so that a resend whose first run
	 * consumed the token is told. Atomic because Redis runs a script without interleaving
	 * other commands: of racing consumers only the first finds the value. The expiry is
	 * read from Redis, the clock that expires the key, so that it agrees with when the
	 * key would have gone.
	 */
	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> CONSUME = RedisScript.of("""
			local value = redis.call('GET', KEYS[1])
			if value == ARGV[1] then
				return { value }
			end
			if not value or string.sub(value, 1, #ARGV[3]) == ARGV[3] then
				return {}
			end
			local expiresAt = redis.call('PEXPIRETIME', KEYS[1])
			redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
			return { value, tostring(expiresAt) }
			""", List.class);

	private final RedisStoreCommands redis;

	private final RedisKeys keys;

	/**
	 * Create a store.
	 * @param redis the template, with string keys and values
	 * @param keyPrefix prefix of the store's keys
	 */
	public RedisOneTimeTokenStore(RedisOperations<String, String> redis, String keyPrefix) {
		this(redis, keyPrefix, RedisReplicaAcknowledgement.NONE);
	}

	/**
	 * Create a store.
	 * @param redis the template, with string keys and values
	 * @param keyPrefix prefix of the store's keys
	 * @param acknowledgement how many replicas must acknowledge each write before it
	 * returns
	 */
	public RedisOneTimeTokenStore(RedisOperations<String, String> redis, String keyPrefix,
			RedisReplicaAcknowledgement acknowledgement) {
		this.redis = new RedisStoreCommands(redis, "Redis one-time token store", acknowledgement);
		this.keys = new RedisKeys(keyPrefix);
	}

	@Override
	public String issue(String subject, TokenKind kind, Duration ttl) {
		StoreLimits.checkOneTimeToken(subject, kind, ttl);
		String token = Secrets.newOneTimeToken();
		this.redis.set("issue a token", this.keys.oneTimeToken(token), RedisValueCodec.encode(kind.name(), subject),
				ttl);
		return token;
	}

	@Override
	public Optional<ConsumedToken> consumeToken(String token, TokenKind expectedKind) {
		if (!StoreLimits.isConsumableToken(token, expectedKind)) {
			return Optional.empty();
		}
		RedisSpentMarker marker = RedisSpentMarker.next();
		List<?> found = this.redis.run("consume a token", CONSUME, this.keys.oneTimeToken(token), marker.value(),
				RedisSpentMarker.lifetimeMillis(), RedisSpentMarker.PREFIX);
		if (found == null || found.isEmpty()) {
			return Optional.empty();
		}
		if (found.size() == 1 && marker.isMine(found.get(0))) {
			throw this.redis.replayed("consume a token");
		}
		List<String> fields = this.redis.read("consume a token", () -> RedisValueCodec.decode(field(found, 0), 2));
		TokenKind kind = this.redis.read("consume a token", () -> kind(fields.get(0)));
		Instant expiresAt = this.redis.read("consume a token", () -> expiresAt(field(found, 1)));
		return (kind == expectedKind) ? Optional.of(new ConsumedToken(fields.get(1), expiresAt)) : Optional.empty();
	}

	private static String field(List<?> found, int index) {
		if (found.size() != 2 || !(found.get(index) instanceof String field)) {
			throw new InvalidRedisValueException("consume script gave an unexpected reply");
		}
		return field;
	}

	private static Instant expiresAt(String epochMillis) {
		long millis;
		try {
			millis = Long.parseLong(epochMillis);
		}
		catch (NumberFormatException ex) {
			throw new InvalidRedisValueException("token has an unreadable expiry");
		}
		if (millis < 0) {
			// -1: the key never expired, which this store never writes
			throw new InvalidRedisValueException("token has no expiry");
		}
		return Instant.ofEpochMilli(millis);
	}

	private static TokenKind kind(String name) {
		for (TokenKind kind : TokenKind.values()) {
			if (kind.name().equals(name)) {
				return kind;
			}
		}
		throw new InvalidRedisValueException("token has an unknown kind");
	}

}
