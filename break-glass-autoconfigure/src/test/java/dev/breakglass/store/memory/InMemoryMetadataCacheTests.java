package dev.breakglass.store.memory;

import java.time.Duration;
import java.time.Instant;

import dev.breakglass.store.AbstractMetadataCacheContractTests;
import dev.breakglass.store.MetadataCache;
import dev.breakglass.test.MutableClock;

class InMemoryMetadataCacheTests extends AbstractMetadataCacheContractTests {

	private final MutableClock clock = new MutableClock();

	@Override
	protected MetadataCache createCache() {
		return new InMemoryMetadataCache(this.clock);
	}

	@Override
	protected void elapse(Duration duration) {
		this.clock.advance(duration);
	}

	@Override
	protected Instant now() {
		return this.clock.instant();
	}

}
