package dev.breakglass.sample;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterAll;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The walkthrough on the jpa profile, against the PostgreSQL server of the profile's
 * defaults or its environment variables, in a schema of its own.
 */
@ActiveProfiles("jpa")
@TestPropertySource(properties = "break-glass.secret=" + AbstractWalkthroughTests.SECRET)
class JpaWalkthroughTests extends AbstractWalkthroughTests {

	private static final String SCHEMA = "bg_sample_" + Long.toHexString(System.nanoTime());

	private static final String URL = "jdbc:postgresql://" + env("POSTGRES_HOST", "127.0.0.1") + ":"
			+ env("POSTGRES_PORT", "5432") + "/" + env("POSTGRES_DB", "test");

	@DynamicPropertySource
	static void schema(DynamicPropertyRegistry registry) throws SQLException {
		execute("CREATE SCHEMA " + SCHEMA);
		registry.add("spring.datasource.url", () -> URL + "?currentSchema=" + SCHEMA);
	}

	@AfterAll
	static void dropSchema() throws SQLException {
		execute("DROP SCHEMA " + SCHEMA + " CASCADE");
	}

	@Override
	protected String backend() {
		return "jpa";
	}

	private static void execute(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(URL, env("POSTGRES_USER", "postgres"),
				env("POSTGRES_PASSWORD", "")); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
