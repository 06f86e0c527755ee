package dev.breakglass.autoconfigure;

import jakarta.persistence.EntityManagerFactory;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.breakglass.service.LoggingOtpSender;
import dev.breakglass.service.OtpSender;
import dev.breakglass.store.jpa.JpaAuthorizationCodeStore;
import dev.breakglass.store.jpa.JpaBreakGlassTokenStore;
import dev.breakglass.store.jpa.JpaExpiredRowSweeper;
import dev.breakglass.store.jpa.JpaMetadataCache;
import dev.breakglass.store.jpa.JpaOneTimeTokenStore;
import dev.breakglass.store.jpa.JpaOtpStore;
import dev.breakglass.store.jpa.PostgresTestServer;
import dev.breakglass.store.memory.InMemoryOtpStore;
import dev.breakglass.test.TestSecrets;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class BreakGlassJpaAutoConfigurationTests {

	private static final String SECRET = TestSecrets.SECRET;

	private static final String LOG_OTP = "break-glass.otp.log-otp=true";

	private static PostgresTestServer.Server server;

	private static String schema;

	private final ApplicationContextRunner withoutDatabase = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BreakGlassMemoryAutoConfiguration.class,
				BreakGlassJpaAutoConfiguration.class, BreakGlassAutoConfiguration.class));

	private ApplicationContextRunner withDatabase() {
		return this.withoutDatabase
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					HibernateJpaAutoConfiguration.class, TransactionAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + server.url(schema),
					"spring.datasource.username=" + server.username(),
					"spring.datasource.password=" + server.password());
	}

	@BeforeAll
	static void createSchema() {
		server = PostgresTestServer.get();
		schema = server.createSchema("jpa_autoconfiguration");
	}

	@AfterAll
	static void dropSchema() {
		server.dropSchema(schema);
	}

	@Test
	void storeJpaUsesTheJpaBackendForEveryStore(CapturedOutput output) {
		withDatabase().withPropertyValues("break-glass.store=jpa", "break-glass.secret=" + SECRET, LOG_OTP)
			.run((context) -> {
				assertThat(context).hasSingleBean(JpaBreakGlassTokenStore.class)
					.hasSingleBean(JpaOtpStore.class)
					.hasSingleBean(JpaAuthorizationCodeStore.class)
					.hasSingleBean(JpaMetadataCache.class)
					.hasSingleBean(JpaOneTimeTokenStore.class)
					.hasSingleBean(JpaExpiredRowSweeper.class)
					.hasSingleBean(BreakGlassSchemaMigration.class);
				assertThat(output)
					.contains("Break-glass stores: session-token=jpa, otp=jpa, attempt-counter=jpa, "
							+ "authorization-code=jpa, " + "metadata-cache=jpa, one-time-token=jpa")
					.doesNotContain("memory stores keep their secrets");
			});
	}

	@Test
	void theSweeperFollowsItsCronAndADashStopsTheSchedule() {
		withDatabase().withPropertyValues("break-glass.store=jpa", "break-glass.secret=" + SECRET, LOG_OTP)
			.run((context) -> {
				assertThat(context.getBean(BreakGlassProperties.class).getJpa().getSweepCron())
					.isEqualTo("0 */5 * * * *");
				assertThat(context.getBean(JpaExpiredRowSweeper.class).isRunning()).isTrue();
			});
		withDatabase()
			.withPropertyValues("break-glass.store=jpa", "break-glass.secret=" + SECRET, LOG_OTP,
					"break-glass.jpa.sweep-cron=-")
			.run((context) -> {
				JpaExpiredRowSweeper sweeper = context.getBean(JpaExpiredRowSweeper.class);
				assertThat(sweeper.isRunning()).isFalse();
				// still there to be called by the application's own scheduler
				assertThat(sweeper.sweep()).isPresent();
			});
	}

	@Test
	void perStoreSettingMixesBackends() {
		withDatabase().withPropertyValues("break-glass.otp.store=jpa", "break-glass.secret=" + SECRET, LOG_OTP)
			.run((context) -> {
				assertThat(context).hasSingleBean(JpaOtpStore.class);
				assertThat(context.getBean(dev.breakglass.store.BreakGlassTokenStore.class).getClass().getPackageName())
					.isEqualTo("dev.breakglass.store.memory");
				assertThat(context).as("sweeps the attempt counters, which live on the OTP store's backend")
					.hasSingleBean(JpaExpiredRowSweeper.class);
			});
	}

	@Test
	void whenNoStoreUsesJpaNothingOfTheBackendIsCreated() {
		withDatabase().run((context) -> assertThat(context).doesNotHaveBean(BreakGlassSchemaMigration.class)
			.doesNotHaveBean(JpaExpiredRowSweeper.class)
			.hasSingleBean(InMemoryOtpStore.class));
	}

	@Test
	void userDefinedStoreBacksOff() {
		InMemoryOtpStore own = new InMemoryOtpStore(java.time.Clock.systemUTC(), java.time.Duration.ofMinutes(1), 6);
		withDatabase().withPropertyValues("break-glass.store=jpa", "break-glass.secret=" + SECRET, LOG_OTP)
			.withBean(dev.breakglass.store.OtpStore.class, () -> own)
			.run((context) -> assertThat(context.getBean(dev.breakglass.store.OtpStore.class)).isSameAs(own));
	}

	@Test
	void jpaWithoutAnEntityManagerFactoryStopsStartUpNamingTheProperty() {
		this.withoutDatabase.withPropertyValues("break-glass.store=jpa").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(StoreBackendUnavailableException.class)
				.hasMessageContaining("break-glass.store is 'jpa'");
		});
	}

	@Test
	void jpaWithoutJpaOnTheClasspathStopsStartUpNamingTheProperty() {
		this.withoutDatabase.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(EntityManagerFactory.class))
			.withPropertyValues("spring.datasource.url=" + server.url(schema),
					"spring.datasource.username=" + server.username(), "break-glass.authorization-code.store=jpa")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(StoreBackendUnavailableException.class)
					.hasMessageContaining("break-glass.authorization-code.store is 'jpa'");
			});
	}

	@Test
	void migrateWithoutFlywayStopsStartUpSayingWhatToDo() {
		withDatabase().withClassLoader(new FilteredClassLoader(Flyway.class))
			.withPropertyValues("break-glass.store=jpa", "break-glass.secret=" + SECRET)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("break-glass.jpa.migrate")
				.hasMessageContaining("flyway-database-postgresql"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "break-glass.secret=", "break-glass.secret=   " })
	void jpaOtpStoreWithoutASecretStopsStartUpNamingTheProperty(String secret) {
		withDatabase().withPropertyValues("break-glass.otp.store=jpa", LOG_OTP, secret).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(MissingSecretException.class)
				.hasMessage("break-glass.secret is not set, but the OTP store is jpa");
			FailureAnalysis analysis = new MissingSecretFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("break-glass.secret")
				.contains("OTP store is jpa")
				.contains("every node must hash with the same key");
			assertThat(analysis.getAction()).contains("break-glass.secret")
				.contains("same random value")
				.contains("on every node")
				.contains("openssl rand -base64 32");
		});
	}

	@Test
	void memoryOtpSessionTokenAndAuditTrailStoresWithEveryOtherStoreOnJpaStartWithoutASecretAndLogOtps() {
		withDatabase()
			.withPropertyValues("break-glass.store=jpa", "break-glass.otp.store=memory",
					"break-glass.session-token.store=memory", "break-glass.audit.store=memory")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(InMemoryOtpStore.class)
				.hasSingleBean(JpaOneTimeTokenStore.class)
				.hasSingleBean(LoggingOtpSender.class));
	}

	@Test
	void jpaSessionTokenStoreWithoutASecretStopsStartUpNamingIt() {
		withDatabase().withPropertyValues("break-glass.store=jpa", "break-glass.otp.store=memory")
			.run((context) -> assertThat(context).getFailure()
				.hasRootCauseInstanceOf(MissingSecretException.class)
				.hasStackTraceContaining("break-glass.secret is not set, but the session token store is jpa"));
	}

	@Test
	void loggingOtpSenderOnAJpaOtpStoreWithoutOptInStopsStartUpSayingWhatToDefine() {
		withDatabase().withPropertyValues("break-glass.store=jpa", "break-glass.secret=" + SECRET).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().isInstanceOf(LoggingOtpSenderNotAllowedException.class);
			FailureAnalysis analysis = new LoggingOtpSenderNotAllowedFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("No OtpSender bean").contains("jpa OTP store");
			assertThat(analysis.getAction()).contains("Define a bean of type dev.breakglass.service.OtpSender")
				.contains("break-glass.otp.log-otp=true")
				.contains("development only");
			assertThat(StoreTestSupport.stackTrace(context.getStartupFailure())).doesNotContain(SECRET);
		});
	}

	@Test
	void requiredApprovalOnAJpaOtpStoreWithoutAnApprovalSenderStopsStartUpSayingWhatToDefine() {
		withDatabase()
			.withPropertyValues("break-glass.store=jpa", "break-glass.secret=" + SECRET,
					"break-glass.approval.required=true")
			.withBean(StoreTestSupport.RecordingSender.class, StoreTestSupport.RecordingSender::new)
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new LoggingOtpSenderNotAllowedFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("No BreakGlassApprovalSender bean")
					.contains("approval tokens")
					.contains("jpa OTP store");
				assertThat(analysis.getAction())
					.contains("Define a bean of type dev.breakglass.service.BreakGlassApprovalSender")
					.contains("break-glass.otp.log-otp=true");
			});
	}

	@Test
	void loggingOtpSenderOnAJpaOtpStoreWithOptInStarts() {
		withDatabase().withPropertyValues("break-glass.store=jpa", "break-glass.secret=" + SECRET, LOG_OTP)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(LoggingOtpSender.class));
	}

	@Test
	void applicationsOwnOtpSenderOnAJpaOtpStoreNeedsNoOptIn() {
		withDatabase().withPropertyValues("break-glass.store=jpa", "break-glass.secret=" + SECRET)
			.withBean(OtpSender.class, StoreTestSupport.RecordingSender::new)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(LoggingOtpSender.class)
				.hasSingleBean(OtpSender.class));
	}

	@ParameterizedTest
	@ValueSource(strings = { "tooShort123", "c2hvcnQgYnV0IEJhc2U2NA==",
			"this is a long passphrase, but it is not Base64", "YWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFhYWFh" })
	void weakSecretStopsStartUpWithTheActionAndWithoutShowingIt(String weak) {
		// too short, Base64 of 17 bytes, not Base64, Base64 of 36 times 'a'
		withDatabase().withPropertyValues("break-glass.store=jpa", "break-glass.secret=" + weak, LOG_OTP)
			.run((context) -> assertThat(context).getFailure()
				.hasRootCauseInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasStackTraceContaining("break-glass.secret")
				.hasStackTraceContaining("openssl rand -base64 32")
				.satisfies((failure) -> assertThat(StoreTestSupport.stackTrace(failure)).doesNotContain(weak)));
	}

}
