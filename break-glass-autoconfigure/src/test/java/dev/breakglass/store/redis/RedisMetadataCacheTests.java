package dev.breakglass.store.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.breakglass.store.AbstractMetadataCacheContractTests;
import dev.breakglass.store.MetadataCache;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.StoreLimits;

import static org.assertj.core.api.Assertions.assertThat;

class RedisMetadataCacheTests extends AbstractMetadataCacheContractTests {

	private static final String URL = "https://client.example.com/metadata.json";

	@RegisterExtension
	final RedisTestKeys keys = new RedisTestKeys(getClass());

	/**
	 * Redis counts in milliseconds, and so does this clock.
	 */
	private final Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));

	@Override
	protected MetadataCache createCache() {
		return new RedisMetadataCache(this.keys.redis(), this.keys.prefix(), this.clock);
	}

	@Override
	protected void elapse(Duration duration) {
		this.keys.elapse(duration);
	}

	@Override
	protected Instant now() {
		return this.clock.instant();
	}

	/**
	 * Redis deletes expired documents itself: counts the keys it still holds.
	 */
	@Override
	protected int expiredEntriesStored(List<String> expiredUrls) {
		Long stored = this.keys.redis()
			.countExistingKeys(
					expiredUrls.stream().map((url) -> this.keys.prefix() + "metadata:" + Secrets.sha256(url)).toList());
		return stored.intValue();
	}

	@Test
	void putStoresTheDocumentAsJsonUnderTheHashOfItsUrlUntilItExpires() {
		createCache().put(URL, Map.of("client_name", "app"), now().plusSeconds(600));
		String key = this.keys.prefix() + "metadata:" + Secrets.sha256(URL);
		assertThat(this.keys.entries()).containsOnlyKeys(key).containsEntry(key, "v1;21:{\"client_name\":\"app\"}");
		assertThat(this.keys.redis().getExpire(key)).isBetween(595L, 600L);
	}

	@Test
	void putWhenAlreadyExpiredThenRemovesTheCachedDocument() {
		MetadataCache cache = createCache();
		cache.put(URL, Map.of("version", 1), now().plusSeconds(600));
		cache.put(URL, Map.of("version", 2), now().minusSeconds(1));
		assertThat(cache.get(URL)).isEmpty();
		assertThat(this.keys.keys()).isEmpty();
	}

	@Test
	void putWhenExpiryIsFarAwayThenRedisKeepsTheDocumentAtMostAHundredYears() {
		createCache().put(URL, Map.of("a", 1), StoreLimits.MAX_EXPIRY);
		assertThat(this.keys.redis().getExpire(this.keys.prefix() + "metadata:" + Secrets.sha256(URL)))
			.isBetween(RedisStoreCommands.MAX_TTL.toSeconds() - 5, RedisStoreCommands.MAX_TTL.toSeconds());
		assertThat(createCache().get(URL)).contains(Map.of("a", 1));
	}

}
