package dev.breakglass.store.jpa;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link AbstractJpaCallerTransactionTests} with the pool's auto-commit on, as Spring
 * Boot configures it.
 */
class JpaCallerTransactionTests extends AbstractJpaCallerTransactionTests {

	@RegisterExtension
	static final JpaDatabase database = new JpaDatabase();

	@Override
	protected JpaDatabase database() {
		return database;
	}

}
