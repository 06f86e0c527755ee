package dev.breakglass.store.memory;

import java.time.Duration;

import dev.breakglass.store.AbstractAttemptCounterStoreContractTests;
import dev.breakglass.store.AttemptCounterStore;
import dev.breakglass.test.MutableClock;

class InMemoryAttemptCounterStoreTests extends AbstractAttemptCounterStoreContractTests {

	private final MutableClock clock = new MutableClock();

	@Override
	protected AttemptCounterStore createStore() {
		return new InMemoryAttemptCounterStore(this.clock);
	}

	@Override
	protected void elapse(Duration duration) {
		this.clock.advance(duration);
	}

}
