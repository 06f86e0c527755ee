package dev.breakglass.autoconfigure;

import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.persistence.EntityManagerFactory;

import org.flywaydb.core.Flyway;
import org.hibernate.Session;

import dev.breakglass.store.AttemptCounterStore;
import dev.breakglass.store.AuditTrailStore;
import dev.breakglass.store.AuthorizationCodeStore;
import dev.breakglass.store.BreakGlassStore;
import dev.breakglass.store.BreakGlassTokenStore;
import dev.breakglass.store.MetadataCache;
import dev.breakglass.store.OneTimeTokenStore;
import dev.breakglass.store.OtpStore;
import dev.breakglass.store.StoreType;
import dev.breakglass.store.jpa.JpaAttemptCounterStore;
import dev.breakglass.store.jpa.JpaAuditTrailStore;
import dev.breakglass.store.jpa.JpaAuthorizationCodeStore;
import dev.breakglass.store.jpa.JpaBreakGlassTokenStore;
import dev.breakglass.store.jpa.JpaExpiredRowSweeper;
import dev.breakglass.store.jpa.JpaExpiringStore;
import dev.breakglass.store.jpa.JpaMetadataCache;
import dev.breakglass.store.jpa.JpaOneTimeTokenStore;
import dev.breakglass.store.jpa.JpaOtpStore;
import dev.breakglass.store.jpa.JpaStatements;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;

/**
 * Auto-configuration of the stores that use the jpa backend, on the application's
 * {@link EntityManagerFactory} (Hibernate, as Spring Boot configures it). Unless
 * {@code break-glass.jpa.migrate=false}, the starter's own Flyway migrations create its
 * tables first, recorded in a history table of their own.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
		"org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
		"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "break-glass.enabled", matchIfMissing = true)
@ConditionalOnClass({ EntityManagerFactory.class, Session.class, EntityManagerFactoryUtils.class })
@ConditionalOnSingleCandidate(EntityManagerFactory.class)
@ConditionalOnStoreType(StoreType.JPA)
@EnableConfigurationProperties(BreakGlassProperties.class)
@Import({ BreakGlassJpaAutoConfiguration.FlywayMigrationConfiguration.class,
		BreakGlassJpaAutoConfiguration.MissingFlywayConfiguration.class })
public final class BreakGlassJpaAutoConfiguration {

	@Bean
	JpaStatements breakGlassJpaStatements(EntityManagerFactory entityManagerFactory,
			ObjectProvider<BreakGlassSchemaMigration> migration, BreakGlassProperties properties) {
		// the tables must exist before any statement runs
		migration.getIfAvailable();
		return new JpaStatements(entityManagerFactory, properties.getJpa().isAsyncIssue());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnStoreType(value = StoreType.JPA, store = BreakGlassStore.SESSION_TOKEN)
	BreakGlassTokenStore breakGlassTokenStore(JpaStatements statements, BreakGlassProperties properties) {
		return new JpaBreakGlassTokenStore(statements, SecretKeys.sessionToken(properties, StoreType.JPA),
				properties.getSessionToken().lifetime());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnStoreType(value = StoreType.JPA, store = BreakGlassStore.OTP)
	OtpStore breakGlassOtpStore(JpaStatements statements, BreakGlassProperties properties) {
		BreakGlassProperties.Otp otp = properties.getOtp();
		return new JpaOtpStore(statements, SecretKeys.otp(properties, StoreType.JPA), otp.getTtl(), otp.getLength());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnStoreType(value = StoreType.JPA, store = BreakGlassStore.ATTEMPT_COUNTER)
	AttemptCounterStore breakGlassAttemptCounterStore(JpaStatements statements) {
		return new JpaAttemptCounterStore(statements);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnStoreType(value = StoreType.JPA, store = BreakGlassStore.AUTHORIZATION_CODE)
	AuthorizationCodeStore breakGlassAuthorizationCodeStore(JpaStatements statements) {
		return new JpaAuthorizationCodeStore(statements);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnStoreType(value = StoreType.JPA, store = BreakGlassStore.METADATA_CACHE)
	MetadataCache breakGlassMetadataCache(JpaStatements statements) {
		return new JpaMetadataCache(statements);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnStoreType(value = StoreType.JPA, store = BreakGlassStore.ONE_TIME_TOKEN)
	OneTimeTokenStore breakGlassOneTimeTokenStore(JpaStatements statements) {
		return new JpaOneTimeTokenStore(statements);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnStoreType(value = StoreType.JPA, store = BreakGlassStore.AUDIT_TRAIL)
	AuditTrailStore breakGlassAuditTrailStore(JpaStatements statements, BreakGlassProperties properties) {
		return new JpaAuditTrailStore(statements, SecretKeys.auditTrail(properties, StoreType.JPA));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnStoreType(value = StoreType.JPA, store = { BreakGlassStore.AUTHORIZATION_CODE,
			BreakGlassStore.METADATA_CACHE, BreakGlassStore.ONE_TIME_TOKEN, BreakGlassStore.ATTEMPT_COUNTER })
	JpaExpiredRowSweeper breakGlassJpaExpiredRowSweeper(ObjectProvider<AuthorizationCodeStore> codes,
			ObjectProvider<MetadataCache> metadata, ObjectProvider<OneTimeTokenStore> tokens,
			ObjectProvider<AttemptCounterStore> attemptCounters, JpaStatements statements,
			BreakGlassProperties properties) {
		// the stores that exist: whichever are jpa stores, the starter's or the
		// application's, delete their own expired rows (the attempt counters live on the
		// OTP store's backend)
		List<JpaExpiringStore> stores = Stream.of(codes, metadata, tokens, attemptCounters)
			.map(ObjectProvider::getIfUnique)
			.filter(JpaExpiringStore.class::isInstance)
			.map(JpaExpiringStore.class::cast)
			.toList();
		return new JpaExpiredRowSweeper(stores, statements, properties.getJpa().getSweepCron());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Flyway.class)
	@ConditionalOnBooleanProperty(name = "break-glass.jpa.migrate", matchIfMissing = true)
	static class FlywayMigrationConfiguration {

		@Bean
		BreakGlassSchemaMigration breakGlassSchemaMigration(DataSource dataSource) {
			return new BreakGlassSchemaMigration(dataSource);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.flywaydb.core.Flyway")
	@ConditionalOnBooleanProperty(name = "break-glass.jpa.migrate", matchIfMissing = true)
	static class MissingFlywayConfiguration {

		@Bean
		BreakGlassSchemaMigration breakGlassSchemaMigration() {
			throw new InvalidConfigurationPropertyValueException("break-glass.jpa.migrate", true,
					"Flyway is not on the classpath. Add org.flywaydb:flyway-core and "
							+ "org.flywaydb:flyway-database-postgresql, or set it to false and apply "
							+ "the SQL files in classpath:dev/breakglass/store/jpa/migration/ yourself, in version order.");
		}

	}

}
