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
import org.springframework.util.Assert;

/**
 * {@link OneTimeTokenStore} in Redis, shared by every node on the server. Each token
 * lives under a key derived from its SHA-256, holding only its kind and subject, and
 * Redis expires it. Consuming is one get-and-delete script (Redis 7.0 or later, for
 * {@code PEXPIRETIME}), so of racing consumers on any number of nodes at most one gets
 * the subject, and a token presented with the wrong kind is spent all the same. Fails
 * closed: a Redis failure throws {@link dev.breakglass.store.StoreUnavailableException},
 * and a consume whose reply was lost is never sent again (see
 * {@code break-glass.redis.at-most-once}).
 */
public final class RedisOneTimeTokenStore implements OneTimeTokenStore {

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
		RedisStoreCommands.Taken taken = this.redis.takeWithExpiry("consume a token", this.keys.oneTimeToken(token),
				"PEXPIRETIME");
		if (taken == null) {
			return Optional.empty();
		}
		List<String> fields = this.redis.read("consume a token", () -> RedisValueCodec.decode(taken.value(), 2));
		TokenKind kind = this.redis.read("consume a token", () -> kind(fields.get(0)));
		Instant expiresAt = this.redis.read("consume a token", () -> expiresAt(taken.expiry()));
		return (kind == expectedKind) ? Optional.of(new ConsumedToken(fields.get(1), expiresAt)) : Optional.empty();
	}

	private static Instant expiresAt(long millis) {
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
