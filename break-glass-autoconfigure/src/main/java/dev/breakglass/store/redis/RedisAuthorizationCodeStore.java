package dev.breakglass.store.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.breakglass.store.AuthorizationCode;
import dev.breakglass.store.AuthorizationCodeStore;
import dev.breakglass.store.DuplicateCodeException;
import dev.breakglass.store.Redemption;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.StoreLimits;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.util.Assert;

/**
 * {@link AuthorizationCodeStore} in Redis, shared by every node on the server. Each code
 * lives under a key derived from the SHA-256 of its hash and is written with
 * {@code SET NX}, so it is never overwritten; taking is one script that deletes the code
 * and redeeming one script that rewrites the code as its tombstone under the same key and
 * time to live, so of racing takers and redeemers on any number of nodes exactly one gets
 * the code; a take or redeem whose reply was lost is never sent again (see
 * {@code break-glass.redis.at-most-once}). Redis deletes a code, or its tombstone,
 * {@link #EXPIRY_GRACE} after the code expires: until then {@link #take} returns the
 * code, leaving the expiry check to the caller as the contract says, and {@link #redeem}
 * recognises a second presentation. Fails closed: a Redis failure throws
 * {@link dev.breakglass.store.StoreUnavailableException}.
 */
public final class RedisAuthorizationCodeStore implements AuthorizationCodeStore {

	/**
	 * How long Redis keeps a code past its expiry, so that {@link #take} never has to
	 * check expiry itself and a caller can still tell an expired code from an unknown
	 * one.
	 */
	static final Duration EXPIRY_GRACE = Duration.ofMinutes(5);

	/**
	 * Returns the code under KEYS[1] and deletes it, unless it is a tombstone (its value
	 * starts with one of ARGV[1] and after), which stays so that a redeemed code cannot
	 * be taken. One script, so that of racing callers only the first finds the code.
	 */
	private static final RedisScript<String> TAKE = RedisScript.of("""
			local value = redis.call('GET', KEYS[1])
			if not value then
				return false
			end
			for i = 1, #ARGV do
				if string.sub(value, 1, #ARGV[i]) == ARGV[i] then
					return false
				end
			end
			redis.call('DEL', KEYS[1])
			return value
			""", String.class);

	/**
	 * Returns the value under KEYS[1] as it was, and when it is a live code (its value
	 * starts with ARGV[1]) rewrites it in place as the tombstone (tag ARGV[2], the code's
	 * fields, then ARGV[3], the redemption time) with the time to live it had. One
	 * script, so that the tombstone is written in the same step as the code is taken: of
	 * racing redeemers only the first finds the code, and every later one its tombstone.
	 * Any other value is left alone for the caller to reject.
	 */
	private static final RedisScript<String> REDEEM = RedisScript.of("""
			local value = redis.call('GET', KEYS[1])
			if value and string.sub(value, 1, #ARGV[1]) == ARGV[1] then
				redis.call('SET', KEYS[1], ARGV[2] .. string.sub(value, #ARGV[1]) .. ARGV[3], 'KEEPTTL')
			end
			return value
			""", String.class);

	private static final String CODE_TAG = RedisValueCodec.VERSION + ";";

	private static final String TOMBSTONE_TAG = RedisValueCodec.TOMBSTONE + ";";

	private static final String TOMBSTONE_WITH_REQUEST_ID_TAG = RedisValueCodec.TOMBSTONE_WITH_REQUEST_ID + ";";

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
		this(redis, keyPrefix, clock, RedisReplicaAcknowledgement.NONE);
	}

	/**
	 * Create a store.
	 * @param redis the template, with string keys and values
	 * @param keyPrefix prefix of the store's keys
	 * @param clock tells how long a code has until it expires (Redis then counts down)
	 * @param acknowledgement how many replicas must acknowledge each write before it
	 * returns
	 */
	public RedisAuthorizationCodeStore(RedisOperations<String, String> redis, String keyPrefix, Clock clock,
			RedisReplicaAcknowledgement acknowledgement) {
		Assert.notNull(clock, "clock must not be null");
		this.redis = new RedisStoreCommands(redis, "Redis authorization code store", acknowledgement);
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
		String value = this.redis.run("take a code", TAKE, this.keys.authorizationCode(codeHash), TOMBSTONE_TAG,
				TOMBSTONE_WITH_REQUEST_ID_TAG, RedisValueCodec.SPENT_TAG);
		if (value == null) {
			return Optional.empty();
		}
		return Optional.of(this.redis.read("take a code", () -> decode(value, codeHash)));
	}

	@Override
	public Redemption redeem(String codeHash) {
		Assert.notNull(codeHash, "codeHash must not be null");
		if (!StoreLimits.isStorableText(codeHash, StoreLimits.MAX_CODE_HASH_LENGTH)) {
			return new Redemption.Unknown();
		}
		String redeemedAt = RedisValueCodec.encodeMillis(this.clock.millis());
		String value = this.redis.run("redeem a code", REDEEM, this.keys.authorizationCode(codeHash), CODE_TAG,
				RedisValueCodec.TOMBSTONE, RedisValueCodec.appendedField(redeemedAt));
		if (value == null || value.startsWith(RedisValueCodec.SPENT_TAG)) {
			return new Redemption.Unknown();
		}
		return this.redis.read("redeem a code", () -> {
			if (value.startsWith(TOMBSTONE_TAG)) {
				return decodeTombstone(RedisValueCodec.decode(RedisValueCodec.TOMBSTONE, value, 4), codeHash);
			}
			if (value.startsWith(TOMBSTONE_WITH_REQUEST_ID_TAG)) {
				return decodeTombstone(
						RedisValueCodec.decode(RedisValueCodec.TOMBSTONE_WITH_REQUEST_ID, value, 5).subList(1, 5),
						codeHash);
			}
			return new Redemption.Redeemed(decode(value, codeHash));
		});
	}

	/**
	 * Read a tombstone's fields (after its request id, in one an earlier version wrote):
	 * the code's fields and when it was redeemed.
	 */
	private static Redemption decodeTombstone(List<String> fields, String codeHash) {
		if (!Secrets.constantTimeEquals(fields.get(0), codeHash)) {
			throw new InvalidRedisValueException("tombstone is stored under another code's key");
		}
		RedisValueCodec.decodeMillis(fields.get(1));
		return new Redemption.AlreadyRedeemed(fields.get(2),
				Instant.ofEpochMilli(RedisValueCodec.decodeMillis(fields.get(3))));
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
