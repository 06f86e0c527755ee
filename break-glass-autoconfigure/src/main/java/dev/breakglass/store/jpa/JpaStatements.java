package dev.breakglass.store.jpa;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.function.Function;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;

import org.springframework.dao.DataAccessException;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

import dev.breakglass.store.StoreUnavailableException;

/**
 * Runs the jpa backend's native statements through the application's
 * {@link EntityManager}, in a transaction joined when the caller has one and opened
 * otherwise. Any failure of the database or of the transaction becomes a
 * {@link StoreUnavailableException} with the cause attached, so that no caller mistakes
 * an outage for an answer.
 */
public final class JpaStatements {

	private final EntityManager entityManager;

	private final TransactionTemplate transactions;

	/**
	 * Create statements on an application's JPA setup.
	 * @param entityManagerFactory the application's entity manager factory
	 * @param transactionManager the transaction manager that binds its entity managers
	 */
	public JpaStatements(EntityManagerFactory entityManagerFactory, PlatformTransactionManager transactionManager) {
		this.entityManager = SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory);
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/**
	 * Run work in a transaction.
	 * @param operation what the work is, for the message of a failure (never a secret)
	 * @param work the work
	 * @param <T> what it returns
	 * @return what it returned
	 * @throws StoreUnavailableException if the database or the transaction failed
	 */
	<T> T run(String operation, Function<EntityManager, T> work) {
		try {
			return this.transactions.execute((status) -> work.apply(this.entityManager));
		}
		catch (PersistenceException | DataAccessException | TransactionException ex) {
			throw new StoreUnavailableException("PostgreSQL failed to " + operation, ex);
		}
	}

	static Instant instant(Object value) {
		if (value instanceof Instant instant) {
			return instant;
		}
		if (value instanceof OffsetDateTime offsetDateTime) {
			return offsetDateTime.toInstant();
		}
		if (value instanceof Timestamp timestamp) {
			return timestamp.toInstant();
		}
		throw new IllegalStateException("Unexpected timestamp type " + value.getClass().getName());
	}

}
