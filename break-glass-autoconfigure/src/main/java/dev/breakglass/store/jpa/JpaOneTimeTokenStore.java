package dev.breakglass.store.jpa;

import java.time.Duration;
import java.util.Optional;

import dev.breakglass.store.ConsumedToken;
import dev.breakglass.store.OneTimeTokenStore;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.StoreLimits;
import dev.breakglass.store.TokenKind;

/**
 * {@link OneTimeTokenStore} in PostgreSQL, shared by every node on the database, keyed by
 * the SHA-256 of each token. A consume is one {@code DELETE ... RETURNING} on the primary
 * key, so of racing consumers on any nodes at most one gets the subject, and a token
 * presented with the wrong kind is spent all the same. Owns the table {@value #TABLE};
 * its expired rows are deleted by {@link #deleteExpired(Duration)}, which
 * {@link JpaExpiredRowSweeper} calls.
 */
public final class JpaOneTimeTokenStore implements OneTimeTokenStore, JpaExpiringStore {

	/**
	 * The table this store owns (see the shipped migration).
	 */
	static final String TABLE = "break_glass_one_time_token";

	private static final String ISSUE = """
			INSERT INTO break_glass_one_time_token (token_hash, kind, subject, expires_at)
			VALUES (?, ?, ?, statement_timestamp() + ? * INTERVAL '1 millisecond')
			""";

	private static final String CONSUME = """
			DELETE FROM break_glass_one_time_token
			WHERE token_hash = ?
			RETURNING kind, subject, expires_at > statement_timestamp(), expires_at
			""";

	private static final String DELETE_EXPIRED = """
			DELETE FROM break_glass_one_time_token WHERE token_hash IN (
			    SELECT token_hash FROM break_glass_one_time_token WHERE expires_at <= statement_timestamp()
			    LIMIT ? FOR UPDATE SKIP LOCKED)
			""";

	private final JpaStatements statements;

	/**
	 * Create a store.
	 * @param statements runs the statements
	 */
	public JpaOneTimeTokenStore(JpaStatements statements) {
		this.statements = statements;
	}

	@Override
	public String issue(String subject, TokenKind kind, Duration ttl) {
		StoreLimits.checkOneTimeToken(subject, kind, ttl);
		String token = Secrets.newOneTimeToken();
		this.statements.issue("issue a one-time token", ISSUE, Secrets.sha256(token), kind.name(), subject,
				ttl.toMillis());
		return token;
	}

	@Override
	public Optional<ConsumedToken> consumeToken(String token, TokenKind expectedKind) {
		if (!StoreLimits.isConsumableToken(token, expectedKind)) {
			return Optional.empty();
		}
		return this.statements.queryRowAloneAndCommit("consume a one-time token", CONSUME,
				(row) -> (row.getBoolean(3) && expectedKind.name().equals(row.getString(1)))
						? new ConsumedToken(row.getString(2), JpaStatements.instant(row, 4)) : null,
				Secrets.sha256(token));
	}

	@Override
	public int deleteExpired(Duration gentleFor) {
		return JpaExpiredRows.delete(this.statements, "delete expired one-time tokens", DELETE_EXPIRED, gentleFor);
	}

}
