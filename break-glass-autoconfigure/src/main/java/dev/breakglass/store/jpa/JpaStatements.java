package dev.breakglass.store.jpa;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;

import org.hibernate.Session;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.orm.jpa.EntityManagerFactoryInfo;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;

import dev.breakglass.store.StoreUnavailableException;

/**
 * Runs the jpa backend's native statements, each one statement, under the transaction
 * rule of {@link dev.breakglass.store.jpa the package}: consumes alone and committed,
 * other statements joining the caller's read-write transaction. Any failure of the
 * database becomes a {@link StoreUnavailableException} with the cause attached, so that
 * no caller mistakes an outage for an answer.
 */
public final class JpaStatements {

	/**
	 * How long a consuming statement waits for a row lock held by another transaction.
	 */
	static final Duration LOCK_TIMEOUT = Duration.ofSeconds(1);

	private static final String LOCK_NOT_AVAILABLE = "55P03";

	// SQLSTATE class 08: the connection failed (pgjdbc: 08006 when it broke mid-call)
	private static final String CONNECTION_EXCEPTION_CLASS = "08";

	// Evaluated in the same implicit transaction and round trip as the statement after it
	// (is_local = true), so the timeout never outlives the statement on a pooled
	// connection.
	private static final String LOCK_TIMEOUT_SETTING = "set_config('lock_timeout', '" + LOCK_TIMEOUT.toMillis()
			+ "ms', true)";

	// Scoped like the lock timeout: only this one transaction's commit skips the wait for
	// the WAL flush; the connection keeps the server's setting for everything else.
	private static final String ASYNC_COMMIT_SETTING = "set_config('synchronous_commit', 'off', true)";

	private static final String SCOPE_LOCK_TIMEOUT = "SELECT " + LOCK_TIMEOUT_SETTING + ";\n";

	private static final String SCOPE_ASYNC_COMMIT = "SELECT " + ASYNC_COMMIT_SETTING + ";\n";

	// Both in one statement, so that one result comes before the statement's own.
	private static final String SCOPE_LOCK_TIMEOUT_ASYNC_COMMIT = "SELECT " + LOCK_TIMEOUT_SETTING + ", "
			+ ASYNC_COMMIT_SETTING + ";\n";

	private final EntityManagerFactory entityManagerFactory;

	private final DataSource dataSource;

	private final boolean asyncIssue;

	/**
	 * Create statements on an application's JPA setup (Hibernate, as Spring Boot
	 * configures it), using the data source the entity manager factory was built on.
	 * @param entityManagerFactory the application's entity manager factory, which must
	 * expose its {@link DataSource} (as Spring's factory beans do)
	 */
	public JpaStatements(EntityManagerFactory entityManagerFactory) {
		this(entityManagerFactory, true);
	}

	/**
	 * Create statements on an application's JPA setup (Hibernate, as Spring Boot
	 * configures it), using the data source the entity manager factory was built on.
	 * @param entityManagerFactory the application's entity manager factory, which must
	 * expose its {@link DataSource} (as Spring's factory beans do)
	 * @param asyncIssue whether a new secret written alone ({@link #issue}) commits
	 * without waiting for the write-ahead log to reach disk
	 */
	public JpaStatements(EntityManagerFactory entityManagerFactory, boolean asyncIssue) {
		this(entityManagerFactory, dataSourceOf(entityManagerFactory), asyncIssue);
	}

	/**
	 * Create statements on an application's JPA setup (Hibernate, as Spring Boot
	 * configures it).
	 * @param entityManagerFactory the application's entity manager factory, whose
	 * transactions writes join
	 * @param dataSource the data source of that factory, from which statements that run
	 * alone take connections of their own
	 */
	public JpaStatements(EntityManagerFactory entityManagerFactory, DataSource dataSource) {
		this(entityManagerFactory, dataSource, true);
	}

	/**
	 * Create statements on an application's JPA setup (Hibernate, as Spring Boot
	 * configures it).
	 * @param entityManagerFactory the application's entity manager factory, whose
	 * transactions writes join
	 * @param dataSource the data source of that factory, from which statements that run
	 * alone take connections of their own
	 * @param asyncIssue whether a new secret written alone ({@link #issue}) commits
	 * without waiting for the write-ahead log to reach disk
	 */
	public JpaStatements(EntityManagerFactory entityManagerFactory, DataSource dataSource, boolean asyncIssue) {
		this.entityManagerFactory = entityManagerFactory;
		this.dataSource = dataSource;
		this.asyncIssue = asyncIssue;
	}

	private static DataSource dataSourceOf(EntityManagerFactory entityManagerFactory) {
		DataSource dataSource = (entityManagerFactory instanceof EntityManagerFactoryInfo info) ? info.getDataSource()
				: null;
		Assert.notNull(dataSource, "the EntityManagerFactory does not expose its DataSource: pass it explicitly");
		return dataSource;
	}

	/**
	 * Run a statement that returns no rows, joining the caller's transaction when there
	 * is one.
	 * @param operation what it does, for the message of a failure (never a secret)
	 * @param sql the statement, with {@code ?} parameters
	 * @param parameters the parameters
	 * @return how many rows it changed
	 */
	int update(String operation, String sql, Object... parameters) {
		Work<Integer> work = (connection) -> executeUpdate(connection, sql, parameters);
		return joinOrRunAlone(operation, work, work);
	}

	/**
	 * Run a statement that writes a new secret whose loss can only fail closed (a new
	 * authorization code, one-time token or metadata entry; never a replacement of a
	 * secret, whose loss would bring the old one back), joining the caller's transaction
	 * when there is one. Run alone, it commits asynchronously when asynchronous issue is
	 * on: in the same round trip, for that one transaction only.
	 * @param operation what it does, for the message of a failure (never a secret)
	 * @param sql the statement, with {@code ?} parameters
	 * @param parameters the parameters
	 * @return how many rows it changed
	 */
	int issue(String operation, String sql, Object... parameters) {
		return this.asyncIssue ? updateLosable(operation, sql, parameters) : update(operation, sql, parameters);
	}

	/**
	 * Run a statement whose loss in a crash of the database server can only fail closed,
	 * joining the caller's transaction when there is one. Run alone, it commits without
	 * waiting for the write-ahead log to reach disk: in the same round trip, for that one
	 * transaction only.
	 * @param operation what it does, for the message of a failure (never a secret)
	 * @param sql the statement, with {@code ?} parameters
	 * @param parameters the parameters
	 * @return how many rows it changed
	 */
	int updateLosable(String operation, String sql, Object... parameters) {
		return joinOrRunAlone(operation, (connection) -> executeUpdate(connection, sql, parameters),
				(connection) -> executeScopedUpdate(connection, SCOPE_ASYNC_COMMIT, sql, parameters));
	}

	/**
	 * Run a statement that returns at most one row, joining the caller's transaction when
	 * there is one.
	 * @param operation what it does, for the message of a failure (never a secret)
	 * @param sql the statement, with {@code ?} parameters
	 * @param row reads the row
	 * @param parameters the parameters
	 * @param <T> what a row is read as
	 * @return the row, if any and not read as {@code null}
	 */
	<T> Optional<T> queryRow(String operation, String sql, Row<T> row, Object... parameters) {
		Work<Optional<T>> work = (connection) -> executeQuery(connection, sql, row, parameters);
		return joinOrRunAlone(operation, work, work);
	}

	/**
	 * Run a statement that returns no rows alone and commit it before returning: on a
	 * connection and transaction of its own, never the caller's, waiting at most
	 * {@link #LOCK_TIMEOUT} for a locked row. For every statement that spends or removes
	 * a secret, or must count whatever the caller does afterwards.
	 * @param operation what it does, for the message of a failure (never a secret)
	 * @param sql the statement, with {@code ?} parameters
	 * @param parameters the parameters
	 * @return how many rows it changed
	 */
	int updateAloneAndCommit(String operation, String sql, Object... parameters) {
		return runAlone(operation,
				(connection) -> executeScopedUpdate(connection, SCOPE_LOCK_TIMEOUT, sql, parameters));
	}

	/**
	 * Run a statement that returns at most one row alone and commit it before returning:
	 * on a connection and transaction of its own, never the caller's, waiting at most
	 * {@link #LOCK_TIMEOUT} for a locked row. For every statement that spends or removes
	 * a secret, or must count whatever the caller does afterwards.
	 * @param operation what it does, for the message of a failure (never a secret)
	 * @param sql the statement, with {@code ?} parameters
	 * @param row reads the row
	 * @param parameters the parameters
	 * @param <T> what a row is read as
	 * @return the row, if any and not read as {@code null}
	 */
	<T> Optional<T> queryRowAloneAndCommit(String operation, String sql, Row<T> row, @Nullable Object... parameters) {
		return queryRowAlone(operation, SCOPE_LOCK_TIMEOUT, sql, row, parameters);
	}

	/**
	 * Run a statement that returns at most one row alone, as
	 * {@link #queryRowAloneAndCommit}, and commit it without waiting for the write-ahead
	 * log to reach disk: for a write whose loss in a crash of the database server can
	 * only fail closed (a session's deadline moved by its use falls back to the one
	 * before).
	 * @param operation what it does, for the message of a failure (never a secret)
	 * @param sql the statement, with {@code ?} parameters
	 * @param row reads the row
	 * @param parameters the parameters
	 * @param <T> what a row is read as
	 * @return the row, if any and not read as {@code null}
	 */
	<T> Optional<T> queryRowAloneLosable(String operation, String sql, Row<T> row, @Nullable Object... parameters) {
		return queryRowAlone(operation, SCOPE_LOCK_TIMEOUT_ASYNC_COMMIT, sql, row, parameters);
	}

	private <T> Optional<T> queryRowAlone(String operation, String scope, String sql, Row<T> row,
			@Nullable Object... parameters) {
		return runAlone(operation, (connection) -> {
			try (PreparedStatement statement = prepare(connection, scope + sql, parameters)) {
				statement.execute();
				if (!statement.getMoreResults()) {
					throw new SQLException("the statement returned no rows: " + operation);
				}
				try (ResultSet rows = statement.getResultSet()) {
					return readRow(rows, row);
				}
			}
		});
	}

	/**
	 * Run a query alone, on a connection of its own, never the caller's transaction: it
	 * reads what is committed now, whatever the caller's isolation level.
	 * @param operation what it does, for the message of a failure (never a secret)
	 * @param sql the query, with {@code ?} parameters
	 * @param row reads each row
	 * @param parameters the parameters
	 * @param <T> what a row is read as
	 * @return the rows, in the query's order
	 */
	<T> List<T> queryRowsAlone(String operation, String sql, Row<T> row, Object... parameters) {
		return runAlone(operation, (connection) -> {
			try (PreparedStatement statement = prepare(connection, sql, parameters);
					ResultSet rows = statement.executeQuery()) {
				List<T> read = new ArrayList<>();
				while (rows.next()) {
					read.add(Objects.requireNonNull(row.read(rows), "a row was read as null"));
				}
				return read;
			}
		});
	}

	/**
	 * Run work while this node holds a PostgreSQL advisory lock, if no other session
	 * holds it. The lock is scoped to a transaction on a connection of its own that stays
	 * open while the work runs (on other connections) and is rolled back after it, so the
	 * lock ends with the work, or with the connection if that breaks.
	 * @param operation what it does, for the message of a failure
	 * @param lock the lock's name; its scope is the connection's current schema, so
	 * applications on separate schemas of one database do not share it
	 * @param work the work
	 * @param <T> what the work returns
	 * @return what the work returned, or empty if another session held the lock
	 */
	<T> Optional<T> whileHoldingLock(String operation, String lock, Supplier<T> work) {
		try (Connection connection = this.dataSource.getConnection()) {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			try (PreparedStatement statement = connection
				.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtext(? || ' ' || current_schema()))")) {
				statement.setString(1, lock);
				try (ResultSet rows = statement.executeQuery()) {
					if (!rows.next() || !rows.getBoolean(1)) {
						return Optional.empty();
					}
				}
				return Optional.of(work.get());
			}
			finally {
				connection.rollback();
				connection.setAutoCommit(autoCommit);
			}
		}
		catch (SQLException ex) {
			throw failure(operation, ex);
		}
	}

	private <T> T joinOrRunAlone(String operation, Work<T> work, Work<T> alone) {
		// Without an active read-write transaction (none, SUPPORTS, read-only, or only an
		// open-in-view EntityManager) nothing would ever commit a joined statement.
		if (!TransactionSynchronizationManager.isActualTransactionActive()
				|| TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
			return runAlone(operation, alone);
		}
		try {
			// The transaction's connection, as JpaTransactionManager and
			// DataSourceTransactionManager expose it: no Hibernate session needed.
			if (TransactionSynchronizationManager.getResource(this.dataSource) instanceof ConnectionHolder holder) {
				return work.run(holder.getConnection());
			}
			EntityManager joined = EntityManagerFactoryUtils.getTransactionalEntityManager(this.entityManagerFactory);
			if (joined == null) {
				return runAlone(operation, alone);
			}
			return joined.unwrap(Session.class).doReturningWork(work::run);
		}
		catch (SQLException | PersistenceException | DataAccessException ex) {
			throw failure(operation, ex);
		}
	}

	// A fresh pool connection, never the one bound to the caller's transaction
	// (DataSourceUtils would hand that back). With auto-commit on, the single statement
	// commits by itself in one round trip; with it off, the driver begins a transaction
	// and we commit it. Nothing else on the pooled connection is changed.
	private <T> T runAlone(String operation, Work<T> work) {
		try (Connection connection = this.dataSource.getConnection()) {
			if (connection.getAutoCommit()) {
				return work.run(connection);
			}
			try {
				T result = work.run(connection);
				connection.commit();
				return result;
			}
			catch (SQLException | RuntimeException ex) {
				rollbackQuietly(connection, ex);
				throw ex;
			}
		}
		catch (SQLException ex) {
			throw failure(operation, ex);
		}
	}

	private static void rollbackQuietly(Connection connection, Exception failure) {
		try {
			connection.rollback();
		}
		catch (SQLException ex) {
			failure.addSuppressed(ex);
		}
	}

	private static StoreUnavailableException failure(String operation, Exception ex) {
		if (hasSqlState(ex, LOCK_NOT_AVAILABLE::equals)) {
			return new StoreUnavailableException("PostgreSQL failed to " + operation + ": the row stayed locked by "
					+ "another transaction for " + LOCK_TIMEOUT.toMillis() + " ms, possibly the caller's own (a "
					+ "secret written and then consumed inside one transaction: commit the write first)", ex);
		}
		if (hasSqlState(ex, (state) -> state.startsWith(CONNECTION_EXCEPTION_CLASS))) {
			return new StoreUnavailableException("PostgreSQL failed to " + operation
					+ ": the connection broke before the reply came, so whether PostgreSQL ran the call is unknown "
					+ "(a secret it consumed stays spent)", ex);
		}
		return new StoreUnavailableException("PostgreSQL failed to " + operation, ex);
	}

	private static boolean hasSqlState(Throwable ex, Predicate<String> state) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null && state.test(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

	private static int executeUpdate(Connection connection, String sql, Object... parameters) throws SQLException {
		try (PreparedStatement statement = prepare(connection, sql, parameters)) {
			return statement.executeUpdate();
		}
	}

	// The scope's SELECT and the statement go in one round trip and, with auto-commit on,
	// in one implicit transaction, whose setting the scope changes.
	private static int executeScopedUpdate(Connection connection, String scope, String sql, Object... parameters)
			throws SQLException {
		try (PreparedStatement statement = prepare(connection, scope + sql, parameters)) {
			statement.execute();
			statement.getMoreResults();
			return statement.getUpdateCount();
		}
	}

	private static <T> Optional<T> executeQuery(Connection connection, String sql, Row<T> row, Object... parameters)
			throws SQLException {
		try (PreparedStatement statement = prepare(connection, sql, parameters);
				ResultSet rows = statement.executeQuery()) {
			return readRow(rows, row);
		}
	}

	private static <T> Optional<T> readRow(ResultSet rows, Row<T> row) throws SQLException {
		return rows.next() ? Optional.ofNullable(row.read(rows)) : Optional.empty();
	}

	private static PreparedStatement prepare(Connection connection, String sql, @Nullable Object... parameters)
			throws SQLException {
		PreparedStatement statement = connection.prepareStatement(sql);
		for (int i = 0; i < parameters.length; i++) {
			Object parameter = parameters[i];
			statement.setObject(i + 1, (parameter instanceof Instant instant)
					? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : parameter);
		}
		return statement;
	}

	static Instant instant(ResultSet rows, int column) throws SQLException {
		return rows.getObject(column, OffsetDateTime.class).toInstant();
	}

	/**
	 * Reads one row of a result.
	 *
	 * @param <T> what the row is read as
	 */
	@FunctionalInterface
	interface Row<T> {

		@Nullable T read(ResultSet rows) throws SQLException;

	}

	@FunctionalInterface
	private interface Work<T> {

		T run(Connection connection) throws SQLException;

	}

}
