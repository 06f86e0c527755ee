package dev.breakglass.store.jpa;

import java.util.Optional;

import dev.breakglass.store.AuthorizationCode;
import dev.breakglass.store.AuthorizationCodeStore;
import dev.breakglass.store.DuplicateCodeException;
import dev.breakglass.store.StoreLimits;
import org.springframework.util.Assert;

/**
 * {@link AuthorizationCodeStore} in PostgreSQL, shared by every node on the database. A
 * take is one {@code DELETE ... RETURNING} on the primary key, so of racing takers on any
 * nodes exactly one gets the code. Owns the table {@value #TABLE}; its expired rows are
 * deleted by {@link #deleteExpired()}, which {@link JpaExpiredRowSweeper} calls.
 */
public final class JpaAuthorizationCodeStore implements AuthorizationCodeStore, JpaExpiringStore {

	/**
	 * The table this store owns (see the shipped migration).
	 */
	static final String TABLE = "break_glass_authorization_code";

	// DO NOTHING instead of letting the primary key fail: a constraint violation would
	// abort the caller's transaction, and the first code must survive either way.
	private static final String PUT = """
			INSERT INTO break_glass_authorization_code (code_hash, data, expires_at)
			VALUES (?, ?, ?)
			ON CONFLICT (code_hash) DO NOTHING
			""";

	private static final String TAKE = """
			DELETE FROM break_glass_authorization_code
			WHERE code_hash = ?
			RETURNING data, expires_at
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
		int inserted = this.statements.update("put an authorization code", PUT, code.codeHash(), code.data(),
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
		return this.statements.queryRow("take an authorization code", TAKE,
				(row) -> new AuthorizationCode(codeHash, row.getString(1), JpaStatements.instant(row, 2)), codeHash);
	}

	@Override
	public int deleteExpired() {
		return JpaExpiredRows.delete(this.statements, "delete expired authorization codes", DELETE_EXPIRED);
	}

}
