package dev.breakglass.store;

import org.jspecify.annotations.Nullable;

/**
 * What walking an audit trail from its first record found: how many records it holds and
 * the hash of the last (keep it elsewhere to detect a trail cut short later), or the
 * first record where the chain breaks and why.
 *
 * @param intact whether every record follows the one before it
 * @param records how many records were walked (up to the first broken one)
 * @param headHash the hash of the last record, or {@link AuditChain#GENESIS} when there
 * are none; {@code null} when the chain is broken
 * @param brokenAt the sequence the first broken record should have had, or {@code null}
 * @param problem why it is broken, or {@code null}
 */
public record AuditChainVerification(boolean intact, long records, @Nullable String headHash, @Nullable Long brokenAt,
		@Nullable String problem) {

	static AuditChainVerification intact(long records, String headHash) {
		return new AuditChainVerification(true, records, headHash, null, null);
	}

	static AuditChainVerification broken(long records, long brokenAt, String problem) {
		return new AuditChainVerification(false, records, null, brokenAt, problem);
	}

}
