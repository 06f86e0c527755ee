package dev.breakglass.store.jpa;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.breakglass.store.AbstractOneTimeTokenStoreContractTests;
import dev.breakglass.store.OneTimeTokenStore;

class JpaOneTimeTokenStoreTests extends AbstractOneTimeTokenStoreContractTests {

	@RegisterExtension
	static final JpaDatabase database = new JpaDatabase();

	@Override
	protected OneTimeTokenStore createStore() {
		return new JpaOneTimeTokenStore(database.statements());
	}

	@Override
	protected void elapse(Duration duration) {
		database.elapse(duration);
	}

	@Override
	protected Instant now() {
		return database.now();
	}

	/**
	 * The same contract with the pool's auto-commit off.
	 */
	@Nested
	class AutoCommitOff extends AbstractOneTimeTokenStoreContractTests {

		@RegisterExtension
		static final JpaDatabase database = new JpaDatabase(JpaDatabase.AUTO_COMMIT_OFF);

		@Override
		protected OneTimeTokenStore createStore() {
			return new JpaOneTimeTokenStore(database.statements());
		}

		@Override
		protected void elapse(Duration duration) {
			database.elapse(duration);
		}

		@Override
		protected Instant now() {
			return database.now();
		}

	}

}
