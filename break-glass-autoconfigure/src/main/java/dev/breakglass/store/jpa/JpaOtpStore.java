package dev.breakglass.store.jpa;

import java.time.Duration;

import dev.breakglass.store.OtpHasher;
import dev.breakglass.store.OtpStore;
import dev.breakglass.store.OtpVerification;
import dev.breakglass.store.PendingOtp;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.StoreLimits;
import org.springframework.util.Assert;

/**
 * {@link OtpStore} in PostgreSQL, shared by every node on the database. The table holds
 * at most one row, a keyed hash of the pending code; verifying deletes that row and reads
 * it back in one statement before comparing, so the OTP is always cleared and of racing
 * verifications on any nodes only one ever sees it.
 */
public final class JpaOtpStore implements OtpStore {

	/**
	 * The table this store owns (see the shipped migration).
	 */
	static final String TABLE = "break_glass_otp";

	private static final String GENERATE = """
			INSERT INTO break_glass_otp (id, code_hash, expires_at)
			VALUES (TRUE, ?, statement_timestamp() + ? * INTERVAL '1 millisecond')
			ON CONFLICT (id) DO UPDATE SET code_hash = excluded.code_hash, expires_at = excluded.expires_at
			""";

	// Take the pending OTP out in one statement, with the database's time, and compare
	// afterwards: whatever the outcome, the OTP is gone.
	private static final String TAKE = """
			DELETE FROM break_glass_otp
			RETURNING code_hash, expires_at, statement_timestamp()
			""";

	private static final String CLEAR = "DELETE FROM break_glass_otp";

	private final JpaStatements statements;

	private final OtpHasher hasher;

	private final long ttlMillis;

	private final int length;

	/**
	 * Create a store.
	 * @param statements runs the statements
	 * @param hasher hashes codes at rest; the same key on every node
	 * @param ttl how long an OTP lives
	 * @param length how many digits an OTP has
	 */
	public JpaOtpStore(JpaStatements statements, OtpHasher hasher, Duration ttl, int length) {
		this.statements = statements;
		this.hasher = hasher;
		this.ttlMillis = StoreLimits.checkTtl(ttl).toMillis();
		this.length = StoreLimits.checkOtpLength(length);
	}

	@Override
	public String generate() {
		String code = Secrets.newOtp(this.length);
		this.statements.update("generate an OTP", GENERATE, this.hasher.hash(code), this.ttlMillis);
		return code;
	}

	@Override
	public OtpVerification verify(String code) {
		Assert.notNull(code, "code must not be null");
		String candidate = Secrets.isOtp(code, this.length) ? this.hasher.hash(code) : null;
		return this.statements.queryRowAloneAndCommit("verify the OTP", TAKE,
				(row) -> new PendingOtp(row.getString(1), JpaStatements.instant(row, 2)).verify(candidate,
						JpaStatements.instant(row, 3)))
			.orElse(OtpVerification.NO_PENDING_OTP);
	}

	@Override
	public void clear() {
		this.statements.updateAloneAndCommit("clear the OTP", CLEAR);
	}

}
