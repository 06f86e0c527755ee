package dev.breakglass.sample;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.netcrusher.tcp.TcpCrusher;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The jpa profile with PostgreSQL down or stalled: 503 within its pool's and driver's
 * timeouts (1 s for a connection, 3 s for a silent socket).
 */
@ActiveProfiles("jpa")
@TestPropertySource(properties = "break-glass.secret=" + AbstractWalkthroughTests.SECRET)
class JpaStoreUnavailableTests extends AbstractStoreUnavailableTests {

	private static final String SCHEMA = "bg_sample_unavailable_" + Long.toHexString(System.nanoTime());

	private static final String HOST = env("POSTGRES_HOST", "127.0.0.1");

	private static final int PORT = Integer.parseInt(env("POSTGRES_PORT", "5432"));

	private static final String DATABASE = env("POSTGRES_DB", "test");

	private static final int PROXY_PORT = freePort();

	private static @Nullable TcpCrusher proxy;

	@DynamicPropertySource
	static void throughTheProxy(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url",
				() -> "jdbc:postgresql://127.0.0.1:" + PROXY_PORT + "/" + DATABASE + "?currentSchema=" + SCHEMA);
	}

	/**
	 * The schema and the proxy, made before all tests rather than when the class is
	 * loaded: the AOT processing of this class loads it but must leave neither behind.
	 */
	@BeforeAll
	static void createSchemaAndOpenTheProxy() throws SQLException {
		execute("CREATE SCHEMA " + SCHEMA);
		proxy = proxyTo(PROXY_PORT, HOST, PORT);
	}

	@AfterAll
	static void dropSchemaAndCloseTheProxy() throws SQLException {
		if (proxy != null) {
			proxy.close();
		}
		execute("DROP SCHEMA " + SCHEMA + " CASCADE");
	}

	@Override
	protected TcpCrusher proxy() {
		return Objects.requireNonNull(proxy, "opened before all tests");
	}

	@Override
	protected Duration longestAnswer() {
		return Duration.ofSeconds(5);
	}

	private static void execute(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(
				"jdbc:postgresql://" + HOST + ":" + PORT + "/" + DATABASE, env("POSTGRES_USER", "postgres"),
				env("POSTGRES_PASSWORD", "")); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
