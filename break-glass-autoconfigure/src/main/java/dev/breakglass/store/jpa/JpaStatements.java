package dev.breakglass.store.jpa;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;

import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;

import dev.breakglass.store.StoreUnavailableException;

/**
 * Runs the jpa backend's native statements on the connection of the application's JPA
 * {@link EntityManager}. Inside a caller's transaction the statement joins it, so it
 * commits or rolls back with the caller's work; otherwise it runs alone and commits by
 * itself, which is atomic since every operation is a single statement, and saves the
 * BEGIN and COMMIT round trips of a transaction of its own. Any failure of the database
 * becomes a {@link StoreUnavailableException} with the cause attached, so that no caller
 * mistakes an outage for an answer.
 */
public final class JpaStatements {

	private final EntityManagerFactory entityManagerFactory;

	/**
	 * Create statements on an application's JPA setup (Hibernate, as Spring Boot
	 * configures it).
	 * @param entityManagerFactory the application's entity manager factory
	 */
	public JpaStatements(EntityManagerFactory entityManagerFactory) {
		this.entityManagerFactory = entityManagerFactory;
	}

	/**
	 * Run a statement that returns no rows.
	 * @param operation what it does, for the message of a failure (never a secret)
	 * @param sql the statement, with {@code ?} parameters
	 * @param parameters the parameters
	 * @return how many rows it changed
	 */
	int update(String operation, String sql, Object... parameters) {
		return run(operation, (connection) -> {
			try (PreparedStatement statement = prepare(connection, sql, parameters)) {
				return statement.executeUpdate();
			}
		});
	}

	/**
	 * Run a statement that returns at most one row.
	 * @param operation what it does, for the message of a failure (never a secret)
	 * @param sql the statement, with {@code ?} parameters
	 * @param row reads the row
	 * @param parameters the parameters
	 * @param <T> what a row is read as
	 * @return the row, if any and not read as {@code null}
	 */
	<T> Optional<T> queryRow(String operation, String sql, Row<T> row, Object... parameters) {
		return run(operation, (connection) -> {
			try (PreparedStatement statement = prepare(connection, sql, parameters);
					ResultSet rows = statement.executeQuery()) {
				return rows.next() ? Optional.ofNullable(row.read(rows)) : Optional.<T>empty();
			}
		});
	}

	private <T> T run(String operation, ReturningWork<T> work) {
		try {
			EntityManager joined = EntityManagerFactoryUtils.getTransactionalEntityManager(this.entityManagerFactory);
			if (joined != null) {
				return joined.unwrap(Session.class).doReturningWork(work);
			}
			try (EntityManager own = this.entityManagerFactory.createEntityManager()) {
				return own.unwrap(Session.class).doReturningWork(work);
			}
		}
		catch (PersistenceException | DataAccessException ex) {
			throw new StoreUnavailableException("PostgreSQL failed to " + operation, ex);
		}
	}

	private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
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

}
