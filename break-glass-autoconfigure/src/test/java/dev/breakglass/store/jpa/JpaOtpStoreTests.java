package dev.breakglass.store.jpa;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.breakglass.store.AbstractOtpStoreContractTests;
import dev.breakglass.store.SecretHasher;
import dev.breakglass.store.OtpStore;

class JpaOtpStoreTests extends AbstractOtpStoreContractTests {

	@RegisterExtension
	static final JpaDatabase database = new JpaDatabase();

	@Override
	protected OtpStore createStore(Duration ttl, int length) {
		return new JpaOtpStore(database.statements(),
				new SecretHasher(JpaDatabase.SECRET.getBytes(StandardCharsets.UTF_8)), ttl, length);
	}

	@Override
	protected void elapse(Duration duration) {
		database.elapse(duration);
	}

	/**
	 * The same contract with the pool's auto-commit off.
	 */
	@Nested
	class AutoCommitOff extends AbstractOtpStoreContractTests {

		@RegisterExtension
		static final JpaDatabase database = new JpaDatabase(JpaDatabase.AUTO_COMMIT_OFF);

		@Override
		protected OtpStore createStore(Duration ttl, int length) {
			return new JpaOtpStore(database.statements(),
					new SecretHasher(JpaDatabase.SECRET.getBytes(StandardCharsets.UTF_8)), ttl, length);
		}

		@Override
		protected void elapse(Duration duration) {
			database.elapse(duration);
		}

	}

}
