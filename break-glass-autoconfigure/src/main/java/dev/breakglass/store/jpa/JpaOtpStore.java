package dev.breakglass.store.jpa;

import java.time.Duration;
import java.util.Optional;

import dev.breakglass.store.Attribution;
import dev.breakglass.store.OtpStore;
import dev.breakglass.store.OtpVerificationResult;
import dev.breakglass.store.PendingOtp;
import dev.breakglass.store.PendingOtpStatus;
import dev.breakglass.store.SecretHasher;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.StoreLimits;
import org.springframework.util.Assert;

/**
 * {@link OtpStore} in PostgreSQL, shared by every node on the database. The table holds
 * at most one row per owner (its primary key), a keyed hash of the pending code with who
 * asked for it and why; verifying deletes the owner's row and reads it back in one
 * statement before comparing, so the OTP is always cleared and of racing verifications on
 * any nodes only one ever sees it. Withdrawing is one delete that matches the owner and
 * the code's hash.
 */
public final class JpaOtpStore implements OtpStore {

	/**
	 * The table this store owns (see the shipped migration).
	 */
	static final String TABLE = "break_glass_otp";

	private static final String GENERATE = """
			INSERT INTO break_glass_otp (owner, code_hash, expires_at, requester, reason, drill)
			VALUES (?, ?, statement_timestamp() + ? * INTERVAL '1 millisecond', ?, ?, ?)
			ON CONFLICT (owner) DO UPDATE SET code_hash = excluded.code_hash, expires_at = excluded.expires_at,
			    requester = excluded.requester, reason = excluded.reason, drill = excluded.drill
			""";

	// Take the pending OTP out in one statement, with the database's time, and compare
	// afterwards: whatever the outcome, the OTP is gone.
	private static final String TAKE = """
			DELETE FROM break_glass_otp WHERE owner = ?
			RETURNING code_hash, expires_at, statement_timestamp(), requester, reason, drill
			""";

	private static final String PENDING = """
			SELECT CAST(CEIL(EXTRACT(EPOCH FROM (expires_at - statement_timestamp())) * 1000) AS BIGINT),
			       requester, reason, drill
			FROM break_glass_otp WHERE owner = ? AND expires_at > statement_timestamp()
			""";

	// Matching the hash in the statement that deletes makes it a compare-and-delete: an
	// OTP generated since, by anyone, stays.
	private static final String WITHDRAW = "DELETE FROM break_glass_otp WHERE owner = ? AND code_hash = ?";

	private static final String CLEAR = "DELETE FROM break_glass_otp";

	private final JpaStatements statements;

	private final SecretHasher hasher;

	private final long ttlMillis;

	private final int length;

	/**
	 * Create a store.
	 * @param statements runs the statements
	 * @param hasher hashes codes at rest; the same key on every node
	 * @param ttl how long an OTP lives
	 * @param length how many digits an OTP has
	 */
	public JpaOtpStore(JpaStatements statements, SecretHasher hasher, Duration ttl, int length) {
		this.statements = statements;
		this.hasher = hasher;
		this.ttlMillis = StoreLimits.checkTtl(ttl).toMillis();
		this.length = StoreLimits.checkOtpLength(length);
	}

	@Override
	public String generate(String owner, Attribution attribution) {
		OtpStore.checkOwner(owner);
		Assert.notNull(attribution, "attribution must not be null");
		String code = Secrets.newOtp(this.length);
		this.statements.update("generate an OTP", GENERATE, owner, this.hasher.hash(code), this.ttlMillis,
				attribution.requester(), attribution.reason(), attribution.drill());
		return code;
	}

	@Override
	public OtpVerificationResult verify(String owner, String code) {
		OtpStore.checkOwner(owner);
		Assert.notNull(code, "code must not be null");
		String candidate = Secrets.isOtp(code, this.length) ? this.hasher.hash(code) : null;
		return this.statements
			.queryRowAloneAndCommit("verify the OTP", TAKE,
					(row) -> new PendingOtp(row.getString(1), JpaStatements.instant(row, 2),
							new Attribution(row.getString(4), row.getString(5), row.getBoolean(6)))
						.verify(candidate, JpaStatements.instant(row, 3)),
					owner)
			.orElse(OtpVerificationResult.noPendingOtp());
	}

	@Override
	public boolean withdraw(String owner, String code) {
		OtpStore.checkOwner(owner);
		Assert.notNull(code, "code must not be null");
		if (!Secrets.isOtp(code, this.length)) {
			return false;
		}
		// Joins the caller's transaction like the generate it undoes: run alone, it would
		// wait for the row that generate still holds locked.
		return this.statements.update("withdraw the OTP", WITHDRAW, owner, this.hasher.hash(code)) == 1;
	}

	@Override
	public Optional<PendingOtpStatus> pending(String owner) {
		OtpStore.checkOwner(owner);
		return this.statements.queryRow("tell the pending OTP", PENDING,
				(row) -> new PendingOtpStatus(Duration.ofMillis(Math.max(1, row.getLong(1))),
						new Attribution(row.getString(2), row.getString(3), row.getBoolean(4))),
				owner);
	}

	@Override
	public void clear() {
		this.statements.updateAloneAndCommit("clear the OTP", CLEAR);
	}

}
