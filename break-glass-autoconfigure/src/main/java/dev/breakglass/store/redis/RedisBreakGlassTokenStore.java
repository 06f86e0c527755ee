package dev.breakglass.store.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.breakglass.store.ActiveToken;
import dev.breakglass.store.Attribution;
import dev.breakglass.store.BreakGlassTokenStore;
import dev.breakglass.store.IssuedToken;
import dev.breakglass.store.SecretHasher;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.SessionLifetime;
import dev.breakglass.store.StoreLimits;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.util.Assert;

/**
 * {@link BreakGlassTokenStore} in Redis, one token for every node sharing the server.
 * Keeps only a keyed hash ({@link SecretHasher}) of the active token, so that whoever can
 * write to Redis cannot mint a token, when it was issued, and who asked for it and why,
 * under one key that Redis expires; issuing is one {@code SET ... GET} that reads the
 * live token it replaces, and revoking is one compare-and-delete script, so of racing
 * revokes on any number of nodes exactly one wins. Fails closed: a Redis failure throws
 * {@link dev.breakglass.store.StoreUnavailableException}, and a revoke whose reply was
 * lost is never sent again (see {@code break-glass.redis.at-most-once}). With an idle
 * timeout, the key's expiry is the token's deadline ({@link SessionLifetime}): a lookup
 * that finds the token moves it with one compare-and-expire script; the end of the ttl is
 * reckoned from the issue time the clock stamped.
 */
public final class RedisBreakGlassTokenStore implements BreakGlassTokenStore {

	private final RedisStoreCommands redis;

	private final RedisKeys keys;

	private final SecretHasher hasher;

	private final Clock clock;

	private final SessionLifetime lifetime;

	/**
	 * Create a store.
	 * @param redis the template, with string keys and values
	 * @param keyPrefix prefix of the store's key
	 * @param hasher hashes tokens at rest; the same key on every node
	 * @param clock stamps when a token is issued (Redis decides expiry)
	 * @param ttl how long a session token lives
	 */
	public RedisBreakGlassTokenStore(RedisOperations<String, String> redis, String keyPrefix, SecretHasher hasher,
			Clock clock, Duration ttl) {
		this(redis, keyPrefix, hasher, clock, ttl, RedisReplicaAcknowledgement.NONE);
	}

	/**
	 * Create a store.
	 * @param redis the template, with string keys and values
	 * @param keyPrefix prefix of the store's key
	 * @param hasher hashes tokens at rest; the same key on every node
	 * @param clock stamps when a token is issued (Redis decides expiry)
	 * @param ttl how long a session token lives
	 * @param acknowledgement how many replicas must acknowledge each write before it
	 * returns
	 */
	public RedisBreakGlassTokenStore(RedisOperations<String, String> redis, String keyPrefix, SecretHasher hasher,
			Clock clock, Duration ttl, RedisReplicaAcknowledgement acknowledgement) {
		this(redis, keyPrefix, hasher, clock, SessionLifetime.of(StoreLimits.checkTtl(ttl)), acknowledgement);
	}

	/**
	 * Create a store.
	 * @param redis the template, with string keys and values
	 * @param keyPrefix prefix of the store's key
	 * @param hasher hashes tokens at rest; the same key on every node
	 * @param clock stamps when a token is issued, and reckons the end of its ttl when an
	 * idle timeout moves its expiry
	 * @param lifetime how long a session token lives, and lives unused
	 * @param acknowledgement how many replicas must acknowledge each write before it
	 * returns
	 */
	public RedisBreakGlassTokenStore(RedisOperations<String, String> redis, String keyPrefix, SecretHasher hasher,
			Clock clock, SessionLifetime lifetime, RedisReplicaAcknowledgement acknowledgement) {
		Assert.notNull(hasher, "hasher must not be null");
		Assert.notNull(clock, "clock must not be null");
		Assert.notNull(lifetime, "lifetime must not be null");
		this.hasher = hasher;
		this.redis = new RedisStoreCommands(redis, "Redis session token store", acknowledgement);
		this.keys = new RedisKeys(keyPrefix);
		this.clock = clock;
		this.lifetime = lifetime;
	}

	@Override
	public IssuedToken issue(Attribution attribution) {
		Assert.notNull(attribution, "attribution must not be null");
		String token = Secrets.newSessionToken();
		Instant issuedAt = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		String value = RedisValueCodec.encode(RedisValueCodec.concat(
				new String[] { this.hasher.hash(token), RedisValueCodec.encodeMillis(issuedAt.toEpochMilli()) },
				RedisValueCodec.attributionFields(attribution)));
		// Redis expires keys itself, so a replaced value that comes back was live.
		String replaced = this.redis.setAndGet("issue a token", this.keys.sessionToken(), value,
				this.lifetime.initialLifetime());
		if (replaced == null) {
			return new IssuedToken(token, null);
		}
		List<String> fields = this.redis.read("issue a token", () -> RedisValueCodec.decodeAttributed(replaced, 2));
		return new IssuedToken(token, this.redis.read("issue a token", () -> RedisValueCodec.attribution(fields, 2)));
	}

	@Override
	public Optional<ActiveToken> lookup(String token) {
		if (!isWellFormed(token)) {
			return Optional.empty();
		}
		String value = this.redis.get("look up a token", this.keys.sessionToken());
		if (value == null) {
			return Optional.empty();
		}
		List<String> fields = this.redis.read("look up a token", () -> RedisValueCodec.decodeAttributed(value, 2));
		if (!Secrets.constantTimeEquals(fields.get(0), this.hasher.hash(token))) {
			return Optional.empty();
		}
		long issuedAt = this.redis.read("look up a token", () -> RedisValueCodec.decodeMillis(fields.get(1)));
		Attribution attribution = this.redis.read("look up a token", () -> RedisValueCodec.attribution(fields, 2));
		ActiveToken found = new ActiveToken(Instant.ofEpochMilli(issuedAt), attribution);
		return (!this.lifetime.hasIdleTimeout() || use(found, value)) ? Optional.of(found) : Optional.empty();
	}

	/**
	 * Move the token's deadline for this use, if the key still holds it.
	 */
	private boolean use(ActiveToken found, String value) {
		Instant now = this.clock.instant();
		Duration left = Duration.between(now, this.lifetime.deadlineAfterUse(found.issuedAt(), now));
		return left.toMillis() > 0 && this.redis.expireIfEquals("use a token", this.keys.sessionToken(), value, left);
	}

	@Override
	public Optional<ActiveToken> active() {
		return activeToken("tell the active token", this.redis.get("tell the active token", this.keys.sessionToken()));
	}

	@Override
	public boolean revoke(String token) {
		if (!isWellFormed(token)) {
			return false;
		}
		return this.redis.deleteIfStartsWith("revoke a token", this.keys.sessionToken(),
				RedisValueCodec.prefix(this.hasher.hash(token)));
	}

	@Override
	public void clear() {
		this.redis.delete("clear the token", this.keys.sessionToken());
	}

	@Override
	public Optional<ActiveToken> end() {
		// GETDEL: Redis expires keys itself, so a value that comes back was live
		return activeToken("end the token", this.redis.getAndDelete("end the token", this.keys.sessionToken()));
	}

	private Optional<ActiveToken> activeToken(String operation, @Nullable String value) {
		if (value == null) {
			return Optional.empty();
		}
		List<String> fields = this.redis.read(operation, () -> RedisValueCodec.decodeAttributed(value, 2));
		long issuedAt = this.redis.read(operation, () -> RedisValueCodec.decodeMillis(fields.get(1)));
		Attribution attribution = this.redis.read(operation, () -> RedisValueCodec.attribution(fields, 2));
		return Optional.of(new ActiveToken(Instant.ofEpochMilli(issuedAt), attribution));
	}

	private static boolean isWellFormed(String token) {
		Assert.notNull(token, "token must not be null");
		return Secrets.isSessionToken(token);
	}

}
