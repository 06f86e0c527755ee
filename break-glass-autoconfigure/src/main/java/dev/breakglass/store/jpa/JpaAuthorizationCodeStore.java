package dev.breakglass.store.jpa;

import java.util.List;
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
			VALUES (:hash, :data, :expiresAt)
			ON CONFLICT (code_hash) DO NOTHING
			""";

	private static final String TAKE = """
			DELETE FROM break_glass_authorization_code
			WHERE code_hash = :hash
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
		int inserted = this.statements.run("put an authorization code",
				(entityManager) -> entityManager.createNativeQuery(PUT)
					.setParameter("hash", code.codeHash())
					.setParameter("data", code.data())
					.setParameter("expiresAt", code.expiresAt())
					.executeUpdate());
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
		List<?> rows = this.statements.run("take an authorization code",
				(entityManager) -> entityManager.createNativeQuery(TAKE)
					.setParameter("hash", codeHash)
					.getResultList());
		if (rows.isEmpty()) {
			return Optional.empty();
		}
		Object[] row = (Object[]) rows.get(0);
		return Optional.of(new AuthorizationCode(codeHash, (String) row[0], JpaStatements.instant(row[1])));
	}

}
