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
 * reads the value with its time to live in one script and, when due, moves the deadline
 * with a compare-and-expire script, which leaves a token issued in between alone; the end
 * of the ttl is reckoned from the issue time the clock stamped.
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
		if (this.lifetime.hasIdleTimeout()) {
			return use(token);
		}
		String value = this.redis.get("look up a token", this.keys.sessionToken());
		return Optional.ofNullable((value != null) ? matching("look up a token", token, value) : null);
	}

	/**
	 * Look the token up with its time to live, in one script, and move its deadline with
	 * a second one when the use moves it by a step (about once a second at most).
	 */
	private Optional<ActiveToken> use(String token) {
		String operation = "use a token";
		RedisStoreCommands.Taken read = this.redis.getWithTimeToLive(operation, this.keys.sessionToken());
		ActiveToken found = (read != null) ? matching(operation, token, read.value()) : null;
		if (read == null || found == null) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		Instant deadline = this.lifetime.deadlineAfterUse(found.issuedAt(), now);
		if (this.lifetime.moves(now.plusMillis(read.expiry()), deadline) && !this.redis.expireIfEquals(operation,
				this.keys.sessionToken(), read.value(), Duration.between(now, deadline))) {
			// replaced or removed in between
			return Optional.empty();
		}
		return Optional.of(found);
	}

	/**
	 * Read a stored value as the token it holds, if it holds the one presented.
	 * @param token the token presented, or {@code null} for whatever token it holds
	 */
	private @Nullable ActiveToken matching(String operation, @Nullable String token, String value) {
		List<String> fields = this.redis.read(operation, () -> RedisValueCodec.decodeAttributed(value, 2));
		if (token != null && !Secrets.constantTimeEquals(fields.get(0), this.hasher.hash(token))) {
			return null;
		}
		long issuedAt = this.redis.read(operation, () -> RedisValueCodec.decodeMillis(fields.get(1)));
		Attribution attribution = this.redis.read(operation, () -> RedisValueCodec.attribution(fields, 2));
		return new ActiveToken(Instant.ofEpochMilli(issuedAt), attribution);
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
		return Optional.ofNullable((value != null) ? matching(operation, null, value) : null);
	}

	private static boolean isWellFormed(String token) {
		Assert.notNull(token, "token must not be null");
		return Secrets.isSessionToken(token);
	}

}
