package dev.breakglass.actuate;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.breakglass.store.jpa.JpaDatabase;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health contributor is DOWN, naming the store, when the starter's tables are missing
 * (here in a schema of this test's own, applied with {@code migrate=false}).
 */
class JpaBreakGlassHealthMissingTablesTests {

	@RegisterExtension
	static final JpaDatabase database = new JpaDatabase();

	@Test
	void healthIsDownForTheStoreWhoseTableIsMissing() {
		database.jdbc().execute("DROP TABLE " + database.schema() + ".break_glass_otp");
		Health health = AbstractBreakGlassActuatorTests.health(database.node());
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails().get("otp")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsEntry("backend", "jpa")
			.containsEntry("status", "DOWN")
			.containsKey("error");
		assertThat(health.getDetails().get("session-token")).isEqualTo(Map.of("backend", "jpa", "status", "UP"));
	}

}
