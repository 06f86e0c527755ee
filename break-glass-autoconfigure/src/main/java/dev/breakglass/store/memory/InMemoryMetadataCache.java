package dev.breakglass.store.memory;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import dev.breakglass.store.MetadataCache;
import dev.breakglass.store.MetadataDocuments;
import dev.breakglass.store.StoreLimits;
import org.springframework.util.Assert;

/**
 * {@link MetadataCache} in this JVM. Documents are copied through JSON on the way in, so
 * they read back exactly as from the other backends and no caller can change a cached
 * copy; expired entries are reclaimed as new ones are put and by {@link #sweep()}.
 */
public final class InMemoryMetadataCache implements MetadataCache {

	private final ExpiringEntries<String, CachedDocument> documents;

	/**
	 * Create a cache.
	 * @param clock decides expiry
	 */
	public InMemoryMetadataCache(Clock clock) {
		this.documents = new ExpiringEntries<>(clock, CachedDocument::expiresAt);
	}

	@Override
	public Optional<Map<String, Object>> get(String url) {
		Assert.notNull(url, "url must not be null");
		CachedDocument document = this.documents.get(url);
		return (document != null && this.documents.isLive(document)) ? Optional.of(document.metadata())
				: Optional.empty();
	}

	@Override
	public void put(String url, Map<String, Object> metadata, Instant expiresAt) {
		StoreLimits.checkMetadata(url, expiresAt);
		Map<String, Object> copy = MetadataDocuments.decode(MetadataDocuments.encode(metadata));
		this.documents.put(url, new CachedDocument(copy, expiresAt));
	}

	@Override
	public int sweep() {
		return this.documents.sweep();
	}

	private record CachedDocument(Map<String, Object> metadata, Instant expiresAt) {
	}

}
