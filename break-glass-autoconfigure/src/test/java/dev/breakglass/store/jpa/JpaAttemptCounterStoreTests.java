package dev.breakglass.store.jpa;

import java.time.Duration;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.breakglass.store.AbstractAttemptCounterStoreContractTests;
import dev.breakglass.store.AttemptCounterStore;
import dev.breakglass.store.Secrets;

import static org.assertj.core.api.Assertions.assertThat;

class JpaAttemptCounterStoreTests extends AbstractAttemptCounterStoreContractTests {

	@RegisterExtension
	static final JpaDatabase database = new JpaDatabase();

	@Override
	protected AttemptCounterStore createStore() {
		return new JpaAttemptCounterStore(database.statements());
	}

	@Override
	protected void elapse(Duration duration) {
		database.elapse(duration);
	}

	@Test
	void rowsAreKeyedByAHashOfTheNameAndTheSweeperDeletesThemAfterTheirWindow() {
		createStore().countInWindow("otp-requests:requester:alice", 1, Duration.ofMinutes(1));
		assertThat(database.jdbc().queryForList("SELECT counter_key FROM break_glass_attempt_counter", String.class))
			.containsExactly(Secrets.sha256("otp-requests:requester:alice"));
		database.elapse(Duration.ofMinutes(1));
		assertThat(new JpaAttemptCounterStore(database.statements()).deleteExpired(Duration.ofMinutes(5))).isOne();
	}

	/**
	 * The same contract with the pool's auto-commit off.
	 */
	@Nested
	class AutoCommitOff extends AbstractAttemptCounterStoreContractTests {

		@RegisterExtension
		static final JpaDatabase database = new JpaDatabase(JpaDatabase.AUTO_COMMIT_OFF);

		@Override
		protected AttemptCounterStore createStore() {
			return new JpaAttemptCounterStore(database.statements());
		}

		@Override
		protected void elapse(Duration duration) {
			database.elapse(duration);
		}

	}

}
