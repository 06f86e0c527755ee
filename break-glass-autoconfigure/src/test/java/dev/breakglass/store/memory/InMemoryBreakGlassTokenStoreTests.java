package dev.breakglass.store.memory;

import java.time.Duration;
import java.time.Instant;

import dev.breakglass.store.AbstractBreakGlassTokenStoreContractTests;
import dev.breakglass.store.BreakGlassTokenStore;
import dev.breakglass.store.SessionLifetime;
import dev.breakglass.test.MutableClock;

class InMemoryBreakGlassTokenStoreTests extends AbstractBreakGlassTokenStoreContractTests {

	private final MutableClock clock = new MutableClock();

	@Override
	protected BreakGlassTokenStore createStore(SessionLifetime lifetime) {
		return new InMemoryBreakGlassTokenStore(this.clock, lifetime);
	}

	@Override
	protected void sleep(Duration duration) {
		this.clock.advance(duration);
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
