package dev.breakglass.store.jpa;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link AbstractJpaCommitDurabilityTests} with the pool's auto-commit on, as Spring Boot
 * configures it.
 */
class JpaCommitDurabilityTests extends AbstractJpaCommitDurabilityTests {

	@RegisterExtension
	static final JpaDatabase database = new JpaDatabase();

	@Override
	protected JpaDatabase database() {
		return database;
	}

}
