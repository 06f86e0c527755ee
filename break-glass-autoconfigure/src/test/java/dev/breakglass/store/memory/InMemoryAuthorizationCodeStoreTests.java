package dev.breakglass.store.memory;

import java.time.Duration;
import java.time.Instant;

import dev.breakglass.store.AbstractAuthorizationCodeStoreContractTests;
import dev.breakglass.store.AuthorizationCodeStore;
import dev.breakglass.test.MutableClock;

class InMemoryAuthorizationCodeStoreTests extends AbstractAuthorizationCodeStoreContractTests {

	private final MutableClock clock = new MutableClock();

	@Override
	protected AuthorizationCodeStore createStore() {
		return new InMemoryAuthorizationCodeStore(this.clock);
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
