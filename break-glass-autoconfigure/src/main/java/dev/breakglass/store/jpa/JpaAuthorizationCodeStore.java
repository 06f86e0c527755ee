package dev.breakglass.store.jpa;

import java.time.Duration;

import java.util.Optional;

import dev.breakglass.store.AuthorizationCode;
import dev.breakglass.store.AuthorizationCodeStore;
import dev.breakglass.store.DuplicateCodeException;
import dev.breakglass.store.Redemption;
import dev.breakglass.store.StoreLimits;
import org.springframework.util.Assert;

/**
 * {@link AuthorizationCodeStore} in PostgreSQL, shared by every node on the database. A
 * take is one {@code DELETE ... RETURNING} on the primary key and a redemption one
 * {@code UPDATE ... RETURNING} that turns the row into its tombstone, so of racing takers
 * and redeemers on any nodes exactly one gets the code. A tombstone answers until the
 * code's expiry by the database's clock. Owns the table {@value #TABLE}; its expired
 * codes and tombstones are deleted by {@link #deleteExpired(Duration)}, which
 * {@link JpaExpiredRowSweeper} calls.
 */
public final class JpaAuthorizationCodeStore implements AuthorizationCodeStore, JpaExpiringStore {

	/**
	 * The table this store owns (see the shipped migration).
	 */
	static final String TABLE = "break_glass_authorization_code";

	// ON CONFLICT instead of letting the primary key fail: a constraint violation would
	// abort the caller's transaction, and the first code must survive either way. Only
	// an expired tombstone, which no read answers with any more, gives way.
	private static final String PUT = """
			INSERT INTO break_glass_authorization_code AS c (code_hash, data, expires_at)
			VALUES (?, ?, ?)
			ON CONFLICT (code_hash) DO UPDATE
			SET data = EXCLUDED.data, expires_at = EXCLUDED.expires_at, redeemed_at = NULL, redemptions = 0
			WHERE c.redemptions > 0 AND c.expires_at <= statement_timestamp()
			""";

	// A tombstone is never taken: a racer that waited for a redeemer's row lock re-checks
	// the condition on the redeemer's committed row and deletes nothing.
	private static final String TAKE = """
			DELETE FROM break_glass_authorization_code
			WHERE code_hash = ? AND redemptions = 0
			RETURNING data, expires_at
			""";

	// One UPDATE, so that the tombstone is written in the same step as the code is taken.
	// Under READ COMMITTED a racer blocked on the first redeemer's row lock re-evaluates
	// the WHERE and the SET on the first redeemer's committed row (not on its own older
	// snapshot, as a separate SELECT or a tombstone in another table would be read), so
	// it counts itself as a later redemption and returns that row's redeemed_at.
	// redemptions is 1 only for the statement that redeemed the code, and stops at 2 so
	// that repeated presentations never overflow it.
	private static final String REDEEM = """
			UPDATE break_glass_authorization_code
			SET redemptions = LEAST(redemptions + 1, 2), redeemed_at = COALESCE(redeemed_at, statement_timestamp())
			WHERE code_hash = ? AND (redemptions = 0 OR expires_at > statement_timestamp())
			RETURNING redemptions, data, expires_at, redeemed_at
			""";

	private static final String DELETE_EXPIRED = """
			DELETE FROM break_glass_authorization_code WHERE code_hash IN (
			    SELECT code_hash FROM break_glass_authorization_code WHERE expires_at <= statement_timestamp()
			    LIMIT ? FOR UPDATE SKIP LOCKED)
			""";

	private final JpaStatements statements;

	/**
	 * Create a store.
	 * @param statements runs the statements
	 */
	public JpaAuthorizationCodeStore(JpaStatements statements) {
		this.statements = statements;
	}

	@Override
	public void put(AuthorizationCode code) {
		Assert.notNull(code, "code must not be null");
		int inserted = this.statements.issue("put an authorization code", PUT, code.codeHash(), code.data(),
				code.expiresAt());
		if (inserted == 0) {
			throw new DuplicateCodeException();
		}
	}

	@Override
	public Optional<AuthorizationCode> take(String codeHash) {
		if (!StoreLimits.isStorableCodeHash(codeHash)) {
			return Optional.empty();
		}
		return this.statements.queryRowAloneAndCommit("take an authorization code", TAKE,
				(row) -> new AuthorizationCode(codeHash, row.getString(1), JpaStatements.instant(row, 2)), codeHash);
	}

	@Override
	public Redemption redeem(String codeHash) {
		if (!StoreLimits.isStorableCodeHash(codeHash)) {
			return new Redemption.Unknown();
		}
		Optional<Redemption> redemption = this.statements.queryRowAloneAndCommit("redeem an authorization code", REDEEM,
				(row) -> {
					if (row.getInt(1) == 1) {
						return new Redemption.Redeemed(
								new AuthorizationCode(codeHash, row.getString(2), JpaStatements.instant(row, 3)));
					}
					return new Redemption.AlreadyRedeemed(row.getString(2), JpaStatements.instant(row, 4));
				}, codeHash);
		return redemption.orElseGet(Redemption.Unknown::new);
	}

	@Override
	public int deleteExpired(Duration gentleFor) {
		return JpaExpiredRows.delete(this.statements, "delete expired authorization codes", DELETE_EXPIRED, gentleFor);
	}

}
