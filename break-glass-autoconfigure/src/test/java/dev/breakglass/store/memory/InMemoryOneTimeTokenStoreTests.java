package dev.breakglass.store.memory;

import java.time.Duration;
import java.time.Instant;

import dev.breakglass.store.AbstractOneTimeTokenStoreContractTests;
import dev.breakglass.store.OneTimeTokenStore;
import dev.breakglass.test.MutableClock;

class InMemoryOneTimeTokenStoreTests extends AbstractOneTimeTokenStoreContractTests {

	private final MutableClock clock = new MutableClock();

	@Override
	protected OneTimeTokenStore createStore() {
		return new InMemoryOneTimeTokenStore(this.clock);
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
