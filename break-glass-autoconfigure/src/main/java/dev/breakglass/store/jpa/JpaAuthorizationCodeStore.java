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
 * nodes exactly one gets the code. Expired codes are reclaimed by
 * {@link JpaExpiredRowSweeper}.
 */
public final class JpaAuthorizationCodeStore implements AuthorizationCodeStore {

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
		Assert.notNull(codeHash, "codeHash must not be null");
		if (!StoreLimits.isStorableText(codeHash, StoreLimits.MAX_CODE_HASH_LENGTH)) {
			return Optional.empty();
		}
		return this.statements.queryRowAloneAndCommit("take an authorization code", TAKE,
				(row) -> new AuthorizationCode(codeHash, row.getString(1), JpaStatements.instant(row, 2)), codeHash);
	}

}
