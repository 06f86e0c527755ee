package dev.breakglass.security;

import java.time.Clock;
import java.time.Duration;

import dev.breakglass.store.OneTimeTokenStore;
import dev.breakglass.store.memory.InMemoryOneTimeTokenStore;
import dev.breakglass.test.MutableClock;

class InMemoryBreakGlassOneTimeTokenServiceTests extends AbstractBreakGlassOneTimeTokenServiceTests {

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
	protected Clock clock() {
		return this.clock;
	}

}
