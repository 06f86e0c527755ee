package dev.breakglass.store.jpa;

import java.time.Duration;
import java.util.Optional;

import dev.breakglass.store.ConsumedToken;
import dev.breakglass.store.OneTimeTokenStore;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.StoreLimits;
import dev.breakglass.store.TokenKind;
import org.springframework.util.Assert;

/**
 * {@link OneTimeTokenStore} in PostgreSQL, shared by every node on the database, keyed by
 * the SHA-256 of each token. A consume is one {@code DELETE ... RETURNING} on the primary
 * key, so of racing consumers on any nodes at most one gets the subject, and a token
 * presented with the wrong kind is spent all the same. Expired tokens are reclaimed by
 * {@link JpaExpiredRowSweeper}.
 */
public final class JpaOneTimeTokenStore implements OneTimeTokenStore {

	private static final String ISSUE = """
			INSERT INTO break_glass_one_time_token (token_hash, kind, subject, expires_at)
			VALUES (?, ?, ?, statement_timestamp() + ? * INTERVAL '1 millisecond')
			""";

	private static final String CONSUME = """
			DELETE FROM break_glass_one_time_token
			WHERE token_hash = ?
			RETURNING kind, subject, expires_at > statement_timestamp(), expires_at
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
		Assert.notNull(token, "token must not be null");
		Assert.notNull(expectedKind, "expectedKind must not be null");
		if (!Secrets.isOneTimeToken(token)) {
			return Optional.empty();
		}
		return this.statements.queryRowAloneAndCommit("consume a one-time token", CONSUME,
				(row) -> (row.getBoolean(3) && expectedKind.name().equals(row.getString(1)))
						? new ConsumedToken(row.getString(2), JpaStatements.instant(row, 4)) : null,
				Secrets.sha256(token));
	}

}
