package dev.breakglass.store.jpa;

import java.time.Duration;
import java.util.Optional;

import dev.breakglass.store.AttemptCount;
import dev.breakglass.store.AttemptCounterStore;
import dev.breakglass.store.Secrets;
import org.springframework.util.Assert;

/**
 * {@link AttemptCounterStore} in PostgreSQL, shared by every node on the database. Each
 * count is one upsert that reads and writes the counter's row under its row lock, with
 * the database's clock, so racing counts on any nodes serialize and never let more than
 * the limit through. Rows are keyed by a SHA-256 of the counter's name; the sweeper
 * deletes rows past their window.
 */
public final class JpaAttemptCounterStore implements AttemptCounterStore, JpaExpiringStore {

	/**
	 * The table this store owns (see the shipped migration).
	 */
	static final String TABLE = "break_glass_attempt_counter";

	// ON CONFLICT ... DO UPDATE reads the existing row (c.*) under its lock: a window
	// that
	// has ended starts again at 1; a refused attempt stays at limit + 1 and keeps the
	// window; an allowed consecutive attempt restarts it.
	private static final String COUNT = """
			INSERT INTO break_glass_attempt_counter AS c (counter_key, attempts, expires_at)
			VALUES (?, 1, statement_timestamp() + ? * INTERVAL '1 millisecond')
			ON CONFLICT (counter_key) DO UPDATE SET
			    attempts = CASE WHEN c.expires_at <= statement_timestamp() THEN 1
			                    ELSE LEAST(c.attempts + 1, ?) END,
			    expires_at = CASE WHEN c.expires_at <= statement_timestamp() THEN excluded.expires_at
			                      WHEN ? AND c.attempts < ? THEN excluded.expires_at
			                      ELSE c.expires_at END
			RETURNING attempts, CAST(ceil(extract(epoch FROM expires_at - statement_timestamp()) * 1000) AS bigint)
			""";

	private static final String PEEK = """
			SELECT attempts, CAST(ceil(extract(epoch FROM expires_at - statement_timestamp()) * 1000) AS bigint)
			FROM break_glass_attempt_counter
			WHERE counter_key = ? AND expires_at > statement_timestamp()
			""";

	private static final String RESET = "DELETE FROM break_glass_attempt_counter WHERE counter_key = ?";

	private static final String DELETE_EXPIRED = """
			DELETE FROM break_glass_attempt_counter WHERE counter_key IN (
			    SELECT counter_key FROM break_glass_attempt_counter WHERE expires_at <= statement_timestamp()
			    LIMIT ? FOR UPDATE SKIP LOCKED)
			""";

	private final JpaStatements statements;

	/**
	 * Create a store.
	 * @param statements runs the statements
	 */
	public JpaAttemptCounterStore(JpaStatements statements) {
		this.statements = statements;
	}

	@Override
	public AttemptCount countInWindow(String counter, int limit, Duration window) {
		return count(counter, limit, window, false);
	}

	@Override
	public AttemptCount countConsecutive(String counter, int limit, Duration lockout) {
		return count(counter, limit, lockout, true);
	}

	@Override
	public Optional<AttemptCount> peek(String counter, int limit) {
		AttemptCount.check(counter, limit, Duration.ofMillis(1));
		return this.statements.queryRow("tell an attempt count", PEEK,
				(row) -> new AttemptCount(row.getInt(1), limit, Duration.ofMillis(row.getLong(2))),
				Secrets.sha256(counter));
	}

	@Override
	public void reset(String counter) {
		Assert.notNull(counter, "counter must not be null");
		this.statements.updateAloneAndCommit("reset an attempt counter", RESET, Secrets.sha256(counter));
	}

	@Override
	public int deleteExpired(Duration gentleFor) {
		return JpaExpiredRows.delete(this.statements, "delete expired attempt counters", DELETE_EXPIRED, gentleFor);
	}

	private AttemptCount count(String counter, int limit, Duration window, boolean restartWhenAllowed) {
		AttemptCount.check(counter, limit, window);
		return this.statements
			.queryRowAloneAndCommit("count an attempt", COUNT,
					(row) -> new AttemptCount(row.getInt(1), limit, Duration.ofMillis(row.getLong(2))),
					Secrets.sha256(counter), window.toMillis(), limit + 1, restartWhenAllowed, limit)
			.orElseThrow();
	}

}
