package dev.breakglass.sample;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Magic-link sign-in on the jpa profile, against the PostgreSQL server of the profile's
 * defaults or its environment variables, in a schema of its own.
 */
@ActiveProfiles("jpa")
@TestPropertySource(properties = "break-glass.secret=" + AbstractWalkthroughTests.SECRET)
class JpaMagicLinkLoginTests extends AbstractMagicLinkLoginTests {

	private static final String SCHEMA = "bg_sample_ott_" + Long.toHexString(System.nanoTime());

	private static final String URL = "jdbc:postgresql://" + env("POSTGRES_HOST", "127.0.0.1") + ":"
			+ env("POSTGRES_PORT", "5432") + "/" + env("POSTGRES_DB", "test");

	@DynamicPropertySource
	static void schema(DynamicPropertyRegistry registry) throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE SCHEMA " + SCHEMA);
		}
		registry.add("spring.datasource.url", () -> URL + "?currentSchema=" + SCHEMA);
	}

	@AfterAll
	static void dropSchema() throws SQLException {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
		}
	}

	@Override
	protected List<String> atRest() {
		List<String> rows = new ArrayList<>();
		try (Connection connection = connect();
				Statement statement = connection.createStatement();
				ResultSet result = statement
					.executeQuery("SELECT CAST(t AS text) FROM " + SCHEMA + ".break_glass_one_time_token t")) {
			while (result.next()) {
				rows.add(result.getString(1));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not read the one-time token table", ex);
		}
		assertThat(rows).as("rows of break_glass_one_time_token").hasSize(1);
		return rows;
	}

	private static Connection connect() throws SQLException {
		return DriverManager.getConnection(URL, env("POSTGRES_USER", "postgres"), env("POSTGRES_PASSWORD", ""));
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
