package dev.breakglass.store.jpa;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.breakglass.autoconfigure.BreakGlassAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassJpaAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassMemoryAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassSchemaMigration;
import dev.breakglass.store.OtpStore;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.breakglass.test.Requests.ATTRIBUTION;

/**
 * The starter's own migrations, each test on a fresh schema.
 */
class JpaSchemaMigrationTests {

	private final PostgresTestServer.Server server = PostgresTestServer.get();

	private final String schema = this.server.createSchema("migration");

	private final JdbcTemplate jdbc = new JdbcTemplate(
			new DriverManagerDataSource(this.server.url(this.schema), this.server.username(), this.server.password()));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
				TransactionAutoConfiguration.class, BreakGlassMemoryAutoConfiguration.class,
				BreakGlassJpaAutoConfiguration.class, BreakGlassAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=" + this.server.url(this.schema),
				"spring.datasource.username=" + this.server.username(),
				"spring.datasource.password=" + this.server.password(), "break-glass.store=jpa",
				"break-glass.secret=" + JpaDatabase.SECRET, "break-glass.otp.log-otp=true");

	@AfterEach
	void dropSchema() {
		this.server.dropSchema(this.schema);
	}

	@Test
	void migrationsCreateEveryTableOnAnEmptySchemaAndReapplyingIsANoOp() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(BreakGlassSchemaMigration.class).migrationsExecuted()).isEqualTo(2);
			assertThat(tables()).containsExactlyInAnyOrder("break_glass_attempt_counter",
					"break_glass_authorization_code", "break_glass_metadata_cache", "break_glass_one_time_token",
					"break_glass_otp", "break_glass_schema_history", "break_glass_session_token");
		});
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(BreakGlassSchemaMigration.class).migrationsExecuted()).isZero();
			assertThat(context.getBean(OtpStore.class).generate(ATTRIBUTION)).hasSize(6);
		});
	}

	@Test
	void migrationsLeaveTheApplicationsTablesAlone() {
		this.jdbc.execute("CREATE TABLE app_orders (id int PRIMARY KEY)");
		this.jdbc.execute("INSERT INTO app_orders VALUES (1)");
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(BreakGlassSchemaMigration.class).migrationsExecuted()).isEqualTo(2);
			assertThat(this.jdbc.queryForObject("SELECT count(*) FROM app_orders", Integer.class)).isOne();
			assertThat(tables()).contains("app_orders", "break_glass_otp");
		});
	}

	@Test
	void whenMigrateIsFalseNothingIsCreatedAndTheShippedSqlIsWhatToApply() throws Exception {
		this.contextRunner.withPropertyValues("break-glass.jpa.migrate=false").run((context) -> {
			assertThat(context).doesNotHaveBean(BreakGlassSchemaMigration.class);
			assertThat(tables()).isEmpty();
		});
		for (String migration : new String[] { "V1__break_glass_stores.sql", "V2__break_glass_flow.sql" }) {
			this.jdbc.execute(new String(
					getClass().getResourceAsStream("/dev/breakglass/store/jpa/migration/" + migration).readAllBytes()));
		}
		this.contextRunner.withPropertyValues("break-glass.jpa.migrate=false")
			.run((context) -> assertThat(context.getBean(OtpStore.class).generate(ATTRIBUTION)).hasSize(6));
	}

	private List<String> tables() {
		return this.jdbc.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = ?",
				String.class, this.schema);
	}

}
