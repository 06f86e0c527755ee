package dev.breakglass.store.jpa;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link AbstractJpaCommitDurabilityTests} with the pool's auto-commit off.
 */
class JpaCommitDurabilityAutoCommitOffTests extends AbstractJpaCommitDurabilityTests {

	@RegisterExtension
	static final JpaDatabase database = new JpaDatabase(JpaDatabase.AUTO_COMMIT_OFF);

	@Override
	protected JpaDatabase database() {
		return database;
	}

}
