package dev.breakglass.store.jpa;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.breakglass.store.AbstractMetadataCacheContractTests;
import dev.breakglass.store.MetadataCache;

class JpaMetadataCacheTests extends AbstractMetadataCacheContractTests {

	@RegisterExtension
	static final JpaDatabase database = new JpaDatabase();

	@Override
	protected MetadataCache createCache() {
		return new JpaMetadataCache(database.statements());
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
	class AutoCommitOff extends AbstractMetadataCacheContractTests {

		@RegisterExtension
		static final JpaDatabase database = new JpaDatabase(JpaDatabase.AUTO_COMMIT_OFF);

		@Override
		protected MetadataCache createCache() {
			return new JpaMetadataCache(database.statements());
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
