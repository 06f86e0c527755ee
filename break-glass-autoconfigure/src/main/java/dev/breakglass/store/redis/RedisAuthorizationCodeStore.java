package dev.breakglass.store.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.breakglass.store.AuthorizationCode;
import dev.breakglass.store.AuthorizationCodeStore;
import dev.breakglass.store.DuplicateCodeException;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.StoreLimits;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.util.Assert;

/**
 * {@link AuthorizationCodeStore} in Redis, shared by every node on the server. Each code
 * lives under a key derived from the SHA-256 of its hash and is written with
 * {@code SET NX}, so it is never overwritten; taking is one get-and-delete script, so of
 * racing takers on any number of nodes exactly one gets the code. Redis deletes a code
 * {@link #EXPIRY_GRACE} after it expires: until then {@link #take} returns it, leaving
 * the expiry check to the caller as the contract says. Fails closed: a Redis failure
 * throws {@link dev.breakglass.store.StoreUnavailableException}.
 */
public final class RedisAuthorizationCodeStore implements AuthorizationCodeStore {

	/**
	 * How long Redis keeps a code past its expiry, so that {@link #take} never has to
	 * check expiry itself and a caller can still tell an expired code from an unknown
	 * one.
	 */
	static final Duration EXPIRY_GRACE = Duration.ofMinutes(5);

	private final RedisStoreCommands redis;

	private final RedisKeys keys;

	private final Clock clock;

	/**
	 * Create a store.
	 * @param redis the template, with string keys and values
	 * @param keyPrefix prefix of the store's keys
	 * @param clock tells how long a code has until it expires (Redis then counts down)
	 */
	public RedisAuthorizationCodeStore(RedisOperations<String, String> redis, String keyPrefix, Clock clock) {
		Assert.notNull(clock, "clock must not be null");
		this.redis = new RedisStoreCommands(redis, "Redis authorization code store");
		this.keys = new RedisKeys(keyPrefix);
		this.clock = clock;
	}

	@Override
	public void put(AuthorizationCode code) {
		Assert.notNull(code, "code must not be null");
		String value = RedisValueCodec.encode(code.codeHash(),
				RedisValueCodec.encodeMillis(code.expiresAt().toEpochMilli()), code.data());
		Duration untilExpiry = Duration.between(this.clock.instant(), code.expiresAt());
		Duration ttl = (untilExpiry.isNegative() ? Duration.ZERO : untilExpiry).plus(EXPIRY_GRACE);
		if (!this.redis.setIfAbsent("put a code", this.keys.authorizationCode(code.codeHash()), value, ttl)) {
			throw new DuplicateCodeException();
		}
	}

	@Override
	public Optional<AuthorizationCode> take(String codeHash) {
		if (!StoreLimits.isStorableCodeHash(codeHash)) {
			return Optional.empty();
		}
		String value = this.redis.getAndDelete("take a code", this.keys.authorizationCode(codeHash));
		if (value == null) {
			return Optional.empty();
		}
		return Optional.of(this.redis.read("take a code", () -> decode(value, codeHash)));
	}

	private static AuthorizationCode decode(String value, String codeHash) {
		List<String> fields = RedisValueCodec.decode(value, 3);
		if (!Secrets.constantTimeEquals(fields.get(0), codeHash)) {
			throw new InvalidRedisValueException("code is stored under another code's key");
		}
		long expiresAt = RedisValueCodec.decodeMillis(fields.get(1));
		try {
			return new AuthorizationCode(fields.get(0), fields.get(2), Instant.ofEpochMilli(expiresAt));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRedisValueException("code breaks the store's limits");
		}
	}

}
