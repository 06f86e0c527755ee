package dev.breakglass.autoconfigure;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the jpa backend's own migrations when it is created, with a Flyway instance and
 * a history table ({@value #HISTORY_TABLE}) of their own, so that it never touches the
 * application's migrations. Nodes starting together are serialized by Flyway's lock.
 */
public final class BreakGlassSchemaMigration {

	/**
	 * Where the migrations are.
	 */
	public static final String LOCATION = "classpath:dev/breakglass/store/jpa/migration";

	/**
	 * Where the migrations are, as a path on the classpath.
	 */
	static final String LOCATION_PATH = LOCATION.substring("classpath:".length());

	/**
	 * The table that records which have been applied.
	 */
	public static final String HISTORY_TABLE = "break_glass_schema_history";

	private final MigrateResult result;

	BreakGlassSchemaMigration(DataSource dataSource) {
		this.result = Flyway.configure(BreakGlassSchemaMigration.class.getClassLoader())
			.dataSource(dataSource)
			.locations(LOCATION)
			.table(HISTORY_TABLE)
			// the application's tables may already be in the schema: start our history at
			// 0
			.baselineOnMigrate(true)
			.baselineVersion("0")
			.load()
			.migrate();
	}

	/**
	 * How many migrations were applied at start-up.
	 * @return the number, zero when the schema was up to date
	 */
	public int migrationsExecuted() {
		return this.result.migrationsExecuted;
	}

}
