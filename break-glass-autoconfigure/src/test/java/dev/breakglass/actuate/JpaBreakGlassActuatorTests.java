package dev.breakglass.actuate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.breakglass.autoconfigure.BreakGlassAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassJpaAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassMemoryAutoConfiguration;
import dev.breakglass.store.jpa.JpaDatabase;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The endpoint and health on jpa, and DOWN when PostgreSQL cannot be reached.
 */
class JpaBreakGlassActuatorTests extends AbstractBreakGlassActuatorTests {

	@RegisterExtension
	static final JpaDatabase database = new JpaDatabase();

	@Override
	protected ApplicationContext context() {
		return database.node();
	}

	@Override
	protected String backend() {
		return "jpa";
	}

	@Override
	protected ConfigurableApplicationContext startNode(String... properties) {
		return database.startNode(properties);
	}

	@Override
	protected void breakTheAuditTrail(ConfigurableApplicationContext node) {
		database.jdbc()
			.execute("ALTER TABLE " + database.schema() + ".break_glass_audit RENAME TO break_glass_audit_away");
	}

	@Override
	protected void repairTheAuditTrail(ConfigurableApplicationContext node) {
		database.jdbc()
			.execute("ALTER TABLE " + database.schema() + ".break_glass_audit_away RENAME TO break_glass_audit");
	}

	@Test
	void healthIsDownAndTheEndpointSaysWhyWhenTheDatabaseCannotBeReached() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DataSourceAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
							TransactionAutoConfiguration.class, BreakGlassMemoryAutoConfiguration.class,
							BreakGlassJpaAutoConfiguration.class, BreakGlassAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:1/test",
					"spring.datasource.hikari.connection-timeout=250",
					"spring.datasource.hikari.initialization-fail-timeout=-1",
					"spring.jpa.properties.hibernate.boot.allow_jdbc_metadata_access=false",
					"spring.jpa.database-platform=org.hibernate.dialect.PostgreSQLDialect", "break-glass.store=jpa",
					"break-glass.jpa.migrate=false", "break-glass.secret=" + JpaDatabase.SECRET,
					"break-glass.otp.log-otp=true")
			.run(this::assertDown);
	}

}
