package dev.breakglass.store.jpa;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import dev.breakglass.store.ActiveToken;
import dev.breakglass.store.Attribution;
import dev.breakglass.store.BreakGlassTokenStore;
import dev.breakglass.store.IssuedToken;
import dev.breakglass.store.SecretHasher;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.SessionLifetime;
import dev.breakglass.store.StoreLimits;
import org.springframework.util.Assert;

/**
 * {@link BreakGlassTokenStore} in PostgreSQL, shared by every node on the database. The
 * table holds at most one row, a keyed hash ({@link SecretHasher}) of the active token
 * with who asked for it and why, so that whoever can write the table cannot mint a token;
 * issuing is one upsert that also reports whose live token it replaced, and revoking is
 * one match-and-delete statement, so of racing revokes on any nodes exactly one wins.
 * With an idle timeout, a lookup is one statement that finds the token and, when due,
 * moves its deadline ({@link SessionLifetime}); it commits on its own without waiting for
 * the disk.
 */
public final class JpaBreakGlassTokenStore implements BreakGlassTokenStore {

	/**
	 * The table this store owns (see the shipped migration).
	 */
	static final String TABLE = "break_glass_session_token";

	// RETURNING only sees the new row, so the upsert copies whose live token it replaces
	// into previous_* (SET reads the old row): one statement, no window in between.
	private static final String ISSUE = """
			INSERT INTO break_glass_session_token AS t (id, token_hash, issued_at, expires_at, requester, reason, drill)
			VALUES (TRUE, ?, date_trunc('milliseconds', statement_timestamp()),
			        date_trunc('milliseconds', statement_timestamp()) + ? * INTERVAL '1 millisecond', ?, ?, ?)
			ON CONFLICT (id) DO UPDATE
			SET token_hash = excluded.token_hash, issued_at = excluded.issued_at, expires_at = excluded.expires_at,
			    requester = excluded.requester, reason = excluded.reason, drill = excluded.drill,
			    previous_requester = CASE WHEN t.expires_at > statement_timestamp() THEN t.requester END,
			    previous_reason = CASE WHEN t.expires_at > statement_timestamp() THEN t.reason END,
			    previous_drill = CASE WHEN t.expires_at > statement_timestamp() THEN t.drill END
			RETURNING previous_requester, previous_reason, previous_drill
			""";

	private static final String LOOKUP = """
			SELECT token_hash, issued_at, requester, reason, drill FROM break_glass_session_token
			WHERE expires_at > statement_timestamp()
			""";

	// Idle timeout: finds the live token and moves its deadline in one statement,
	// SessionLifetime#deadlineAfterUse and #moves in SQL; the database's clock decides,
	// as for expiry.
	private static final String USE = """
			WITH found AS (
			    SELECT token_hash, issued_at, requester, reason, drill, expires_at,
			           LEAST(date_trunc('milliseconds', statement_timestamp()) + ? * INTERVAL '1 millisecond',
			                 issued_at + ? * INTERVAL '1 millisecond') AS deadline
			    FROM break_glass_session_token
			    WHERE token_hash = ? AND expires_at > statement_timestamp()
			), moved AS (
			    UPDATE break_glass_session_token t SET expires_at = found.deadline
			    FROM found
			    WHERE t.token_hash = found.token_hash AND t.expires_at > statement_timestamp()
			      AND found.deadline - found.expires_at >= ? * INTERVAL '1 millisecond'
			)
			SELECT issued_at, requester, reason, drill FROM found
			""";

	private static final String ACTIVE = """
			SELECT issued_at, requester, reason, drill FROM break_glass_session_token
			WHERE expires_at > statement_timestamp()
			""";

	// One statement matches and deletes, so two racing revokes cannot both see the row;
	// it reports whether the token it deleted was still live.
	private static final String REVOKE = """
			DELETE FROM break_glass_session_token
			WHERE token_hash = ?
			RETURNING expires_at > statement_timestamp()
			""";

	private static final String CLEAR = "DELETE FROM break_glass_session_token";

	private static final String END = """
			DELETE FROM break_glass_session_token
			RETURNING issued_at, requester, reason, drill, expires_at > statement_timestamp()
			""";

	private final JpaStatements statements;

	private final SecretHasher hasher;

	private final SessionLifetime lifetime;

	/**
	 * Create a store.
	 * @param statements runs the statements
	 * @param hasher hashes tokens at rest; the same key on every node
	 * @param ttl how long a session token lives
	 */
	public JpaBreakGlassTokenStore(JpaStatements statements, SecretHasher hasher, Duration ttl) {
		this(statements, hasher, SessionLifetime.of(StoreLimits.checkTtl(ttl)));
	}

	/**
	 * Create a store.
	 * @param statements runs the statements
	 * @param hasher hashes tokens at rest; the same key on every node
	 * @param lifetime how long a session token lives, and lives unused
	 */
	public JpaBreakGlassTokenStore(JpaStatements statements, SecretHasher hasher, SessionLifetime lifetime) {
		Assert.notNull(hasher, "hasher must not be null");
		Assert.notNull(lifetime, "lifetime must not be null");
		this.statements = statements;
		this.hasher = hasher;
		this.lifetime = lifetime;
	}

	@Override
	public IssuedToken issue(Attribution attribution) {
		Assert.notNull(attribution, "attribution must not be null");
		String token = Secrets.newSessionToken();
		Attribution replaced = this.statements.queryRow("issue a session token", ISSUE,
				(row) -> (row.getString(1) != null)
						? new Attribution(row.getString(1), row.getString(2), row.getBoolean(3)) : null,
				this.hasher.hash(token), this.lifetime.initialLifetime().toMillis(), attribution.requester(),
				attribution.reason(), attribution.drill())
			.orElse(null);
		return new IssuedToken(token, replaced);
	}

	@Override
	public Optional<ActiveToken> lookup(String token) {
		Assert.notNull(token, "token must not be null");
		if (!Secrets.isSessionToken(token)) {
			return Optional.empty();
		}
		String hash = this.hasher.hash(token);
		if (this.lifetime.hasIdleTimeout()) {
			// Not in the caller's transaction, which would hold the row's lock until it
			// ends; without waiting for the disk, since a use lost in a crash only ends
			// the session sooner.
			return this.statements.queryRowAloneLosable("use the session token", USE, (row) -> activeToken(row, 1),
					Objects.requireNonNull(this.lifetime.idleTimeout()).toMillis(), this.lifetime.ttl().toMillis(),
					hash, this.lifetime.step().toMillis());
		}
		return this.statements.queryRow("look up the session token", LOOKUP,
				(row) -> Secrets.constantTimeEquals(row.getString(1), hash) ? activeToken(row, 2) : null);
	}

	@Override
	public Optional<ActiveToken> active() {
		return this.statements.queryRow("tell the active session token", ACTIVE, (row) -> activeToken(row, 1));
	}

	@Override
	public boolean revoke(String token) {
		Assert.notNull(token, "token must not be null");
		if (!Secrets.isSessionToken(token)) {
			return false;
		}
		return this.statements
			.queryRowAloneAndCommit("revoke the session token", REVOKE, (row) -> row.getBoolean(1),
					this.hasher.hash(token))
			.orElse(false);
	}

	@Override
	public void clear() {
		this.statements.updateAloneAndCommit("clear the session token", CLEAR);
	}

	@Override
	public Optional<ActiveToken> end() {
		return this.statements.queryRowAloneAndCommit("end the session token", END,
				(row) -> row.getBoolean(5) ? activeToken(row, 1) : null);
	}

	/**
	 * Read issued_at, requester, reason and drill from four columns of a row.
	 */
	private static ActiveToken activeToken(ResultSet row, int first) throws SQLException {
		return new ActiveToken(JpaStatements.instant(row, first),
				new Attribution(row.getString(first + 1), row.getString(first + 2), row.getBoolean(first + 3)));
	}

}
