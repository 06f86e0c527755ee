package dev.breakglass.store.jpa;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link AbstractJpaCallerTransactionTests} with the pool's auto-commit off.
 */
class JpaCallerTransactionAutoCommitOffTests extends AbstractJpaCallerTransactionTests {

	@RegisterExtension
	static final JpaDatabase database = new JpaDatabase(JpaDatabase.AUTO_COMMIT_OFF);

	@Override
	protected JpaDatabase database() {
		return database;
	}

}
