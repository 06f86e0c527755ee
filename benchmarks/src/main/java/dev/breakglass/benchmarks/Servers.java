package dev.breakglass.benchmarks;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import jakarta.persistence.EntityManagerFactory;

import dev.breakglass.autoconfigure.BreakGlassSchemaMigration;
import dev.breakglass.security.BreakGlassOneTimeTokenService;
import dev.breakglass.store.AttemptCounterStore;
import dev.breakglass.store.AuthorizationCodeStore;
import dev.breakglass.store.BreakGlassTokenStore;
import dev.breakglass.store.OneTimeTokenStore;
import dev.breakglass.store.OtpStore;
import dev.breakglass.store.SecretHasher;
import dev.breakglass.store.SessionLifetime;
import dev.breakglass.store.jpa.JpaAttemptCounterStore;
import dev.breakglass.store.jpa.JpaAuthorizationCodeStore;
import dev.breakglass.store.jpa.JpaBreakGlassTokenStore;
import dev.breakglass.store.jpa.JpaOneTimeTokenStore;
import dev.breakglass.store.jpa.JpaOtpStore;
import dev.breakglass.store.jpa.JpaStatements;
import dev.breakglass.store.memory.InMemoryAttemptCounterStore;
import dev.breakglass.store.memory.InMemoryAuthorizationCodeStore;
import dev.breakglass.store.memory.InMemoryBreakGlassTokenStore;
import dev.breakglass.store.memory.InMemoryOneTimeTokenStore;
import dev.breakglass.store.memory.InMemoryOtpStore;
import dev.breakglass.store.redis.RedisAttemptCounterStore;
import dev.breakglass.store.redis.RedisAuthorizationCodeStore;
import dev.breakglass.store.redis.RedisBreakGlassTokenStore;
import dev.breakglass.store.redis.RedisOneTimeTokenStore;
import dev.breakglass.store.redis.RedisOtpStore;
import dev.breakglass.store.redis.RedisReplicaAcknowledgement;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.authentication.ott.InMemoryOneTimeTokenService;
import org.springframework.security.authentication.ott.JdbcOneTimeTokenService;
import org.springframework.security.authentication.ott.OneTimeTokenService;

/**
 * The servers of a benchmark run, reached the way an application reaches them: one Spring
 * Boot context with Boot's own DataSource (Hikari), Hibernate and Lettuce
 * auto-configuration. The stores and the raw baselines share its pool and connection
 * factory. PostgreSQL and Redis addresses come from the same environment variables as the
 * tests, with the same loopback defaults.
 */
final class Servers implements AutoCloseable {

	static final String SCHEMA = "bg_benchmarks";

	static final String KEY_PREFIX = "bg-bench:";

	static final Duration OTP_TTL = Duration.ofMinutes(10);

	static final Duration SESSION_TTL = Duration.ofHours(1);

	private static final byte[] OTP_KEY = "benchmark-secret-of-32-characters".getBytes();

	private final ConfigurableApplicationContext context;

	private Servers(ConfigurableApplicationContext context) {
		this.context = context;
	}

	static Servers start() {
		String url = "jdbc:postgresql://" + env("POSTGRES_HOST", "127.0.0.1") + ":" + env("POSTGRES_PORT", "5432") + "/"
				+ env("POSTGRES_DB", "test");
		ConfigurableApplicationContext context = new SpringApplicationBuilder(Config.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "logging.level.root=WARN",
					"logging.level.dev.breakglass.benchmarks=INFO",
					"spring.datasource.url=" + url + "?currentSchema=" + SCHEMA,
					"spring.datasource.username=" + env("POSTGRES_USER", "postgres"),
					"spring.datasource.password=" + env("POSTGRES_PASSWORD", ""),
					"spring.datasource.hikari.maximum-pool-size=20",
					"spring.datasource.hikari.connection-init-sql=CREATE SCHEMA IF NOT EXISTS " + SCHEMA,
					"spring.jpa.open-in-view=false", "spring.data.redis.host=" + env("REDIS_HOST", "127.0.0.1"),
					"spring.data.redis.port=" + env("REDIS_PORT", "6379"))
			.run();
		Flyway flyway = Flyway.configure()
			.dataSource(context.getBean(DataSource.class))
			.locations(BreakGlassSchemaMigration.LOCATION)
			.table(BreakGlassSchemaMigration.HISTORY_TABLE)
			.baselineOnMigrate(true)
			.baselineVersion("0")
			.cleanDisabled(false)
			.load();
		// The schema is the benchmarks' own: start from this build's migrations, whatever
		// an earlier build left there.
		flyway.clean();
		flyway.migrate();
		// Spring Security's JdbcOneTimeTokenService table, in PostgreSQL's types (its
		// shipped
		// schema is HSQLDB's).
		new org.springframework.jdbc.core.JdbcTemplate(context.getBean(DataSource.class)).execute("""
				CREATE TABLE IF NOT EXISTS one_time_tokens (
				    token_value varchar(36) PRIMARY KEY,
				    username    varchar(50) NOT NULL,
				    expires_at  timestamp   NOT NULL
				)""");
		return new Servers(context);
	}

	DataSource dataSource() {
		return this.context.getBean(DataSource.class);
	}

	StringRedisTemplate redis() {
		return new StringRedisTemplate(this.context.getBean(RedisConnectionFactory.class));
	}

	JpaStatements statements() {
		// -Dbench.async-issue=false measures the synchronous commit of new secrets
		return new JpaStatements(this.context.getBean(EntityManagerFactory.class),
				Boolean.parseBoolean(System.getProperty("bench.async-issue", "true")));
	}

	AuthorizationCodeStore codes(String backend) {
		return switch (backend) {
			case "memory" -> new InMemoryAuthorizationCodeStore(Clock.systemUTC());
			case "jpa" -> new JpaAuthorizationCodeStore(statements());
			case "redis" -> new RedisAuthorizationCodeStore(redis(), KEY_PREFIX, Clock.systemUTC());
			default -> throw new IllegalArgumentException(backend);
		};
	}

	OneTimeTokenStore tokens(String backend) {
		return switch (backend) {
			case "memory" -> new InMemoryOneTimeTokenStore(Clock.systemUTC());
			case "jpa" -> new JpaOneTimeTokenStore(statements());
			case "redis" -> new RedisOneTimeTokenStore(redis(), KEY_PREFIX);
			default -> throw new IllegalArgumentException(backend);
		};
	}

	OtpStore otp(String backend) {
		return switch (backend) {
			case "memory" -> new InMemoryOtpStore(Clock.systemUTC(), OTP_TTL, 6);
			case "jpa" -> new JpaOtpStore(statements(), new SecretHasher(OTP_KEY), OTP_TTL, 6);
			case "redis" -> new RedisOtpStore(redis(), KEY_PREFIX, new SecretHasher(OTP_KEY), OTP_TTL, 6);
			default -> throw new IllegalArgumentException(backend);
		};
	}

	BreakGlassTokenStore sessionTokens(String backend) {
		return sessionTokens(backend, SessionLifetime.of(SESSION_TTL));
	}

	BreakGlassTokenStore sessionTokens(String backend, SessionLifetime lifetime) {
		return switch (backend) {
			case "memory" -> new InMemoryBreakGlassTokenStore(Clock.systemUTC(), lifetime);
			case "jpa" -> new JpaBreakGlassTokenStore(statements(), new SecretHasher(OTP_KEY), lifetime);
			case "redis" -> new RedisBreakGlassTokenStore(redis(), KEY_PREFIX, new SecretHasher(OTP_KEY),
					Clock.systemUTC(), lifetime, RedisReplicaAcknowledgement.NONE);
			default -> throw new IllegalArgumentException(backend);
		};
	}

	AttemptCounterStore attemptCounters(String backend) {
		return switch (backend) {
			case "memory" -> new InMemoryAttemptCounterStore(Clock.systemUTC());
			case "jpa" -> new JpaAttemptCounterStore(statements());
			case "redis" -> new RedisAttemptCounterStore(redis(), KEY_PREFIX);
			default -> throw new IllegalArgumentException(backend);
		};
	}

	/**
	 * The starter's Spring Security one-time-token service on a backend.
	 */
	OneTimeTokenService oneTimeTokenService(String backend) {
		return new BreakGlassOneTimeTokenService(tokens(backend), Clock.systemUTC());
	}

	/**
	 * Spring Security's own one-time-token service nearest to a backend: in memory for
	 * memory, {@link JdbcOneTimeTokenService} on the same pool for jpa, and, since Spring
	 * Security has no Redis one, the same JDBC service for redis. Close it after use (the
	 * JDBC one runs a cleanup scheduler).
	 */
	OneTimeTokenService springSecurityOneTimeTokenService(String backend) {
		return switch (backend) {
			case "memory" -> new InMemoryOneTimeTokenService();
			case "jpa", "redis" ->
				new JdbcOneTimeTokenService(new org.springframework.jdbc.core.JdbcTemplate(dataSource()));
			default -> throw new IllegalArgumentException(backend);
		};
	}

	Baseline baseline(String backend) {
		return switch (backend) {
			case "memory" -> new Baseline.Memory();
			case "jpa" -> new Baseline.Jdbc(dataSource());
			case "redis" -> new Baseline.Redis(redis(), KEY_PREFIX);
			default -> throw new IllegalArgumentException(backend);
		};
	}

	/**
	 * Empty every table and key of the benchmarks.
	 */
	void clear() {
		new org.springframework.jdbc.core.JdbcTemplate(dataSource())
			.execute("TRUNCATE break_glass_session_token, break_glass_otp, break_glass_authorization_code, "
					+ "break_glass_metadata_cache, break_glass_one_time_token, break_glass_attempt_counter, one_time_tokens");
		StringRedisTemplate redis = redis();
		redis.execute((org.springframework.data.redis.core.RedisCallback<Void>) (connection) -> {
			var keys = connection.keyCommands()
				.scan(org.springframework.data.redis.core.ScanOptions.scanOptions()
					.match(KEY_PREFIX + "*")
					.count(10_000)
					.build());
			java.util.List<byte[]> batch = new java.util.ArrayList<>();
			while (keys.hasNext()) {
				batch.add(keys.next());
				if (batch.size() == 10_000) {
					connection.keyCommands().del(batch.toArray(byte[][]::new));
					batch.clear();
				}
			}
			if (!batch.isEmpty()) {
				connection.keyCommands().del(batch.toArray(byte[][]::new));
			}
			return null;
		});
	}

	@Override
	public void close() {
		this.context.close();
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
			TransactionAutoConfiguration.class, DataRedisAutoConfiguration.class })
	static class Config {

	}

}
