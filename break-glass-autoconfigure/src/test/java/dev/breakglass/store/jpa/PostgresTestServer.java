package dev.breakglass.store.jpa;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server of the jpa tests: the one at {@code POSTGRES_HOST},
 * {@code POSTGRES_PORT}, {@code POSTGRES_DB}, {@code POSTGRES_USER} and
 * {@code POSTGRES_PASSWORD} (default: 127.0.0.1:5432, database test, user postgres), else
 * one Testcontainers starts where Docker runs. When neither answers, the tests fail and
 * say what to start: they never skip.
 */
public final class PostgresTestServer {

	private static Server server;

	private PostgresTestServer() {
	}

	/**
	 * The server, found or started once per JVM.
	 * @return the server
	 */
	public static synchronized Server get() {
		if (server == null) {
			server = locate();
		}
		return server;
	}

	private static Server locate() {
		String host = env("POSTGRES_HOST", "127.0.0.1");
		String port = env("POSTGRES_PORT", "5432");
		String database = env("POSTGRES_DB", "test");
		Server configured = new Server("jdbc:postgresql://" + host + ":" + port + "/" + database,
				env("POSTGRES_USER", "postgres"), env("POSTGRES_PASSWORD", ""));
		SQLException failure;
		try (Connection connection = configured.connect()) {
			return configured;
		}
		catch (SQLException ex) {
			failure = ex;
		}
		if (DockerClientFactory.instance().isDockerAvailable()) {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine");
			container.start();
			return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword());
		}
		throw new IllegalStateException("PostgreSQL is not reachable at " + configured.url() + " ("
				+ failure.getMessage() + ") and there is no Docker for Testcontainers. Start it, e.g. "
				+ "'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start', or point "
				+ "POSTGRES_HOST/POSTGRES_PORT/POSTGRES_DB/POSTGRES_USER/POSTGRES_PASSWORD at one.", failure);
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

	/**
	 * A reachable server.
	 *
	 * @param url its JDBC URL, without a schema
	 * @param username the user
	 * @param password the password
	 */
	public record Server(String url, String username, String password) {

		/**
		 * Create an empty schema of a unique name.
		 * @param owner what it is for, the start of its name
		 * @return its name
		 */
		public String createSchema(String owner) {
			String name = "bg_" + owner.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "_"
					+ HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
			execute("CREATE SCHEMA " + name);
			return name;
		}

		/**
		 * Drop a schema and everything in it.
		 * @param name its name
		 */
		public void dropSchema(String name) {
			execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
		}

		/**
		 * The JDBC URL of a schema.
		 * @param schema the schema
		 * @return the URL
		 */
		public String url(String schema) {
			return this.url + (this.url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
		}

		Connection connect() throws SQLException {
			return DriverManager.getConnection(this.url, this.username, this.password);
		}

		private void execute(String sql) {
			try (Connection connection = connect(); Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("Failed: " + sql, ex);
			}
		}

	}

}
