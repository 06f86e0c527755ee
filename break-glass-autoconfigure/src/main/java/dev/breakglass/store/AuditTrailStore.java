package dev.breakglass.store;

import java.util.List;

/**
 * An append-only audit trail whose records are chained by keyed hashes
 * ({@link AuditChain}): each record carries the hash of the one before it, so an edited,
 * deleted, inserted or reordered record is found by {@link #verify}, and without
 * {@code break-glass.secret} no record can be forged. Appends from any number of threads
 * and nodes form one chain: an append that finds another got there first links to it and
 * tries again.
 */
public interface AuditTrailStore {

	/**
	 * Append an entry as the next record, committed before this returns whatever
	 * transaction the caller is in.
	 * @param entry the entry
	 * @return the record written
	 */
	AuditRecord append(AuditEntry entry);

	/**
	 * The last records, oldest first. A read: it changes nothing.
	 * @param limit how many at most, 1 to {@value AuditChain#MAX_READ}
	 * @return the records
	 */
	List<AuditRecord> latest(int limit);

	/**
	 * Walk the trail from its first record and check every link.
	 * @return how many records it holds and the last one's hash, or the first broken link
	 */
	AuditChainVerification verify();

}
