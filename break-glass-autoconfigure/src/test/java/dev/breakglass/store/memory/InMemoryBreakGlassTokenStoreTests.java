package dev.breakglass.store.memory;

import java.time.Duration;
import java.time.Instant;

import dev.breakglass.store.AbstractBreakGlassTokenStoreContractTests;
import dev.breakglass.store.BreakGlassTokenStore;
import dev.breakglass.test.MutableClock;

class InMemoryBreakGlassTokenStoreTests extends AbstractBreakGlassTokenStoreContractTests {

	private final MutableClock clock = new MutableClock();

	@Override
	protected BreakGlassTokenStore createStore(Duration ttl) {
		return new InMemoryBreakGlassTokenStore(this.clock, ttl);
	}

	@Override
	protected Instant now() {
		return this.clock.instant();
	}

	@Override
	protected void elapse(Duration duration) {
		this.clock.advance(duration);
	}

}
