package dev.breakglass.store.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import dev.breakglass.store.MetadataCache;
import dev.breakglass.store.MetadataDocuments;
import dev.breakglass.store.StoreLimits;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.util.Assert;

/**
 * {@link MetadataCache} in Redis, shared by every node on the server. Each document is
 * kept as JSON under a key derived from the SHA-256 of its URL, and Redis expires it, so
 * {@link #sweep()} has nothing to do; the latest put wins. Fails closed: a Redis failure
 * throws {@link dev.breakglass.store.StoreUnavailableException}.
 */
public final class RedisMetadataCache implements MetadataCache {

	private final RedisStoreCommands redis;

	private final RedisKeys keys;

	private final Clock clock;

	/**
	 * Create a cache.
	 * @param redis the template, with string keys and values
	 * @param keyPrefix prefix of the cache's keys
	 * @param clock tells how long a document has until it expires (Redis then counts
	 * down)
	 */
	public RedisMetadataCache(RedisOperations<String, String> redis, String keyPrefix, Clock clock) {
		Assert.notNull(clock, "clock must not be null");
		this.redis = new RedisStoreCommands(redis, "Redis metadata cache");
		this.keys = new RedisKeys(keyPrefix);
		this.clock = clock;
	}

	@Override
	public Optional<Map<String, Object>> get(String url) {
		if (!StoreLimits.isStorableUrl(url)) {
			return Optional.empty();
		}
		String value = this.redis.get("get a document", this.keys.metadata(url));
		if (value == null) {
			return Optional.empty();
		}
		return Optional.of(this.redis.read("get a document", () -> decode(value)));
	}

	@Override
	public void put(String url, Map<String, Object> metadata, Instant expiresAt) {
		StoreLimits.checkMetadata(url, expiresAt);
		String json = MetadataDocuments.encode(metadata);
		Duration ttl = Duration.between(this.clock.instant(), expiresAt);
		String key = this.keys.metadata(url);
		if (ttl.isNegative() || ttl.isZero()) {
			// Already expired: the put still replaces whatever was cached.
			this.redis.delete("put a document", key);
		}
		else {
			this.redis.set("put a document", key, RedisValueCodec.encode(json), ttl);
		}
	}

	/**
	 * Delete nothing, since Redis deletes expired documents itself, but fail like every
	 * other operation when Redis cannot be reached, rather than report a clean sweep.
	 * @return zero
	 */
	@Override
	public int sweep() {
		this.redis.ping("sweep");
		return 0;
	}

	private static Map<String, Object> decode(String value) {
		String json = RedisValueCodec.decode(value, 1).get(0);
		try {
			return MetadataDocuments.decode(json);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRedisValueException("document is not a JSON object");
		}
	}

}
