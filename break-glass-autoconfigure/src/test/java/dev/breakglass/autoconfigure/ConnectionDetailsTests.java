package dev.breakglass.autoconfigure;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.breakglass.store.OtpStore;
import dev.breakglass.store.jpa.PostgresTestServer;
import dev.breakglass.store.redis.RedisTestServer;
import dev.breakglass.test.TestSecrets;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;

import static dev.breakglass.test.Requests.ATTRIBUTION;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stores reach their servers through Spring Boot's {@code ConnectionDetails}, as
 * {@code @ServiceConnection} and Docker Compose support define them: with the properties
 * pointing at a port where nothing listens and a connection details bean pointing at the
 * test server, every store works. The starter reads no connection property of its own.
 */
class ConnectionDetailsTests {

	private final PostgresTestServer.Server postgres = PostgresTestServer.get();

	private final String schema = this.postgres.createSchema("connection_details");

	@AfterEach
	void dropSchema() {
		this.postgres.dropSchema(this.schema);
	}

	@Test
	void jpaStoresUseTheJdbcConnectionDetailsOverTheProperties() {
		String url = this.postgres.url(this.schema);
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
							TransactionAutoConfiguration.class, BreakGlassMemoryAutoConfiguration.class,
							BreakGlassJpaAutoConfiguration.class, BreakGlassAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:1/nowhere",
					"spring.datasource.hikari.connection-timeout=250", "break-glass.store=jpa",
					"break-glass.secret=" + TestSecrets.SECRET, "break-glass.otp.log-otp=true")
			.withBean(JdbcConnectionDetails.class, () -> new JdbcConnectionDetails() {

				@Override
				public String getUsername() {
					return ConnectionDetailsTests.this.postgres.username();
				}

				@Override
				public String getPassword() {
					return ConnectionDetailsTests.this.postgres.password();
				}

				@Override
				public String getJdbcUrl() {
					return url;
				}

			})
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertRoundTrip(context.getBean(OtpStore.class));
			});
	}

	@Test
	void redisStoresUseTheRedisConnectionDetailsOverTheProperties() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
					BreakGlassMemoryAutoConfiguration.class, BreakGlassLettuceAutoConfiguration.class,
					BreakGlassRedisAutoConfiguration.class, BreakGlassAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=1",
					"spring.data.redis.timeout=500ms", "break-glass.store=redis",
					"break-glass.secret=" + TestSecrets.SECRET, "break-glass.otp.log-otp=true",
					"break-glass.redis.key-prefix=bg-test:ConnectionDetailsTests:")
			.withBean(DataRedisConnectionDetails.class, () -> new DataRedisConnectionDetails() {

				@Override
				public Standalone getStandalone() {
					return Standalone.of(RedisTestServer.host(), RedisTestServer.port());
				}

			})
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertRoundTrip(context.getBean(OtpStore.class));
			});
	}

	private static void assertRoundTrip(OtpStore otps) {
		String code = otps.generate("connection-details", ATTRIBUTION);
		assertThat(otps.verify("connection-details", code).isValid()).isTrue();
	}

}
