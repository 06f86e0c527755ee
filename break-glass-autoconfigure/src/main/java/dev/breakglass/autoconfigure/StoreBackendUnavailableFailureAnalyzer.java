package dev.breakglass.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link StoreBackendUnavailableException}: which property selected which
 * backend, and what the application must add for that backend to work.
 */
class StoreBackendUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<StoreBackendUnavailableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, StoreBackendUnavailableException cause) {
		String action = switch (cause.getStoreType()) {
			case JPA -> "The jpa backend needs Hibernate on the classpath and exactly one EntityManagerFactory on "
					+ "PostgreSQL: add spring-boot-starter-data-jpa, org.postgresql:postgresql "
					+ "and org.flywaydb:flyway-database-postgresql, and set spring.datasource.url. ";
			case REDIS -> "The redis backend needs Spring Data Redis and a RedisConnectionFactory bean: "
					+ "add spring-boot-starter-data-redis and set spring.data.redis.host. ";
			case MEMORY -> "";
		};
		return new FailureAnalysis(cause.getMessage() + ".",
				action + "Or set " + cause.getProperty() + " to another backend, or define a bean of the store's type.",
				cause);
	}

}
