package dev.breakglass.store.memory;

import java.util.ArrayList;
import java.util.List;

import dev.breakglass.store.AuditChain;
import dev.breakglass.store.AuditChainVerification;
import dev.breakglass.store.AuditEntry;
import dev.breakglass.store.AuditRecord;
import dev.breakglass.store.AuditTrailStore;
import org.springframework.util.Assert;

/**
 * {@link AuditTrailStore} in this JVM: every record for the life of the JVM, appended
 * under a lock so that they form one chain.
 */
public final class InMemoryAuditTrailStore implements AuditTrailStore {

	private final AuditChain chain;

	private final List<AuditRecord> records = new ArrayList<>();

	/**
	 * Create a store.
	 * @param chain links and checks the records
	 */
	public InMemoryAuditTrailStore(AuditChain chain) {
		Assert.notNull(chain, "chain must not be null");
		this.chain = chain;
	}

	@Override
	public AuditRecord append(AuditEntry entry) {
		Assert.notNull(entry, "entry must not be null");
		synchronized (this.records) {
			AuditRecord record = this.chain
				.link(this.records.isEmpty() ? null : this.records.get(this.records.size() - 1), entry);
			this.records.add(record);
			return record;
		}
	}

	@Override
	public List<AuditRecord> latest(int limit) {
		AuditChain.checkReadLimit(limit);
		synchronized (this.records) {
			return List.copyOf(this.records.subList(Math.max(0, this.records.size() - limit), this.records.size()));
		}
	}

	@Override
	public AuditChainVerification verify() {
		List<AuditRecord> snapshot;
		synchronized (this.records) {
			snapshot = List.copyOf(this.records);
		}
		AuditChain.Verifier verifier = this.chain.verifier();
		for (AuditRecord record : snapshot) {
			if (!verifier.accept(record)) {
				break;
			}
		}
		return verifier.result();
	}

}
