package dev.breakglass.store.jpa;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.breakglass.autoconfigure.BreakGlassAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassEndpointAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassJpaAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassMemoryAutoConfiguration;
import dev.breakglass.test.TestSecrets;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A schema of its own for one test class, with application contexts ("nodes") on it that
 * use the jpa backend for every store. Empties the tables before each test and drops the
 * schema after the class.
 */
public final class JpaDatabase implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

	/**
	 * The secret every node of a test shares.
	 */
	public static final String SECRET = TestSecrets.SECRET;

	/**
	 * Properties that turn the pool's auto-commit off, as a common Hibernate tuning does.
	 */
	public static final String[] AUTO_COMMIT_OFF = { "spring.datasource.hikari.auto-commit=false",
			"spring.jpa.properties.hibernate.connection.provider_disables_autocommit=true" };

	private static final String[] TABLES = { "break_glass_session_token", "break_glass_otp",
			"break_glass_authorization_code", "break_glass_metadata_cache", "break_glass_one_time_token",
			"break_glass_attempt_counter", "break_glass_audit" };

	private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	private final String[] properties;

	private PostgresTestServer.Server server;

	private String schema;

	private HikariDataSource pool;

	private JdbcTemplate jdbc;

	/**
	 * Create the extension.
	 * @param properties extra properties of every node
	 */
	public JpaDatabase(String... properties) {
		this.properties = properties;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.server = PostgresTestServer.get();
		this.schema = this.server.createSchema(context.getRequiredTestClass().getSimpleName());
		startNode();
		// A pool of its own with auto-commit on: the nodes' pools may have it off.
		this.pool = new HikariDataSource();
		this.pool.setJdbcUrl(this.server.url(this.schema));
		this.pool.setUsername(this.server.username());
		this.pool.setPassword(this.server.password());
		this.pool.setMaximumPoolSize(2);
		this.jdbc = new JdbcTemplate(this.pool);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		this.jdbc.execute("TRUNCATE " + String.join(", ", TABLES));
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.nodes.forEach(ConfigurableApplicationContext::close);
		this.nodes.clear();
		this.pool.close();
		this.server.dropSchema(this.schema);
	}

	/**
	 * Start one more application context on the schema.
	 * @param extraProperties properties of this node only
	 * @return the context
	 */
	public ConfigurableApplicationContext startNode(String... extraProperties) {
		List<String> all = new ArrayList<>(List.of("spring.datasource.url=" + this.server.url(this.schema),
				"spring.datasource.username=" + this.server.username(),
				"spring.datasource.password=" + this.server.password(), "spring.datasource.hikari.maximum-pool-size=8",
				"spring.jpa.open-in-view=false", "spring.main.banner-mode=off", "break-glass.store=jpa",
				"break-glass.secret=" + SECRET, "break-glass.otp.log-otp=true"));
		all.addAll(List.of(this.properties));
		all.addAll(List.of(extraProperties));
		ConfigurableApplicationContext node = new SpringApplicationBuilder(JpaNode.class).web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new))
			.run();
		this.nodes.add(node);
		return node;
	}

	/**
	 * The first node.
	 * @return its context
	 */
	public ConfigurableApplicationContext node() {
		return this.nodes.get(0);
	}

	/**
	 * The first node's statements.
	 * @return the statements
	 */
	public JpaStatements statements() {
		return node().getBean(JpaStatements.class);
	}

	/**
	 * Plain JDBC on the schema.
	 * @return a template
	 */
	public JdbcTemplate jdbc() {
		return this.jdbc;
	}

	/**
	 * The schema's name.
	 * @return the name
	 */
	public String schema() {
		return this.schema;
	}

	/**
	 * Let time pass by the database's clock, which decides expiry: every stored expiry
	 * moves that much closer. Instants the stores hand back (when a session token was
	 * issued) stay as they were, as they would if time passed. A code's expiry moves too,
	 * since PostgreSQL's clock cannot: compare it with {@link #now()}.
	 * @param duration how much time passes
	 */
	public void elapse(Duration duration) {
		for (String table : new String[] { JpaBreakGlassTokenStore.TABLE, JpaOtpStore.TABLE,
				JpaAuthorizationCodeStore.TABLE, JpaMetadataCache.TABLE, JpaOneTimeTokenStore.TABLE,
				JpaAttemptCounterStore.TABLE }) {
			this.jdbc.update("UPDATE " + table + " SET expires_at = expires_at - ? * INTERVAL '1 millisecond'",
					duration.toMillis());
		}
	}

	/**
	 * The database's time.
	 * @return the instant, to the millisecond
	 */
	public Instant now() {
		Long millis = this.jdbc.queryForObject("SELECT CAST(extract(epoch FROM clock_timestamp()) * 1000 AS bigint)",
				Long.class);
		return Instant.ofEpochMilli(millis);
	}

	/**
	 * Every row of every break-glass table, as text.
	 * @return the rows
	 */
	public List<String> dump() {
		List<String> rows = new ArrayList<>();
		for (String table : TABLES) {
			rows.addAll(this.jdbc.queryForList("SELECT CAST(t AS text) FROM " + table + " t", String.class));
		}
		return rows;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
			TransactionAutoConfiguration.class, BreakGlassMemoryAutoConfiguration.class,
			BreakGlassJpaAutoConfiguration.class, BreakGlassAutoConfiguration.class,
			BreakGlassEndpointAutoConfiguration.class })
	static class JpaNode {

	}

}
