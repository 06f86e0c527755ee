package dev.breakglass.store.memory;

import java.time.Duration;

import dev.breakglass.store.AbstractOtpStoreContractTests;
import dev.breakglass.store.OtpStore;
import dev.breakglass.test.MutableClock;

class InMemoryOtpStoreTests extends AbstractOtpStoreContractTests {

	private final MutableClock clock = new MutableClock();

	@Override
	protected OtpStore createStore(Duration ttl, int length) {
		return new InMemoryOtpStore(this.clock, ttl, length);
	}

	@Override
	protected void elapse(Duration duration) {
		this.clock.advance(duration);
	}

}
