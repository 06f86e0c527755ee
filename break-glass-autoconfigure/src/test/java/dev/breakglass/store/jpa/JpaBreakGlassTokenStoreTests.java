package dev.breakglass.store.jpa;

import java.time.Duration;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.breakglass.store.AbstractBreakGlassTokenStoreContractTests;
import dev.breakglass.store.BreakGlassTokenStore;

class JpaBreakGlassTokenStoreTests extends AbstractBreakGlassTokenStoreContractTests {

	@RegisterExtension
	static final JpaDatabase database = new JpaDatabase();

	@Override
	protected BreakGlassTokenStore createStore(Duration ttl) {
		return new JpaBreakGlassTokenStore(database.statements(), ttl);
	}

	@Override
	protected void elapse(Duration duration) {
		database.elapse(duration);
	}

	/**
	 * The same contract with the pool's auto-commit off.
	 */
	@Nested
	class AutoCommitOff extends AbstractBreakGlassTokenStoreContractTests {

		@RegisterExtension
		static final JpaDatabase database = new JpaDatabase(JpaDatabase.AUTO_COMMIT_OFF);

		@Override
		protected BreakGlassTokenStore createStore(Duration ttl) {
			return new JpaBreakGlassTokenStore(database.statements(), ttl);
		}

		@Override
		protected void elapse(Duration duration) {
			database.elapse(duration);
		}

	}

}
