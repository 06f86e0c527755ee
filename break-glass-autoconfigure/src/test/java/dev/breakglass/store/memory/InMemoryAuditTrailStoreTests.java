package dev.breakglass.store.memory;

import java.util.Collections;
import java.util.List;

import dev.breakglass.store.AbstractAuditTrailStoreContractTests;
import dev.breakglass.store.AuditEntry;
import dev.breakglass.store.AuditRecord;
import dev.breakglass.store.AuditTrailStore;
import org.springframework.test.util.ReflectionTestUtils;

class InMemoryAuditTrailStoreTests extends AbstractAuditTrailStoreContractTests {

	private InMemoryAuditTrailStore store;

	@Override
	protected AuditTrailStore createStore() {
		this.store = new InMemoryAuditTrailStore(CHAIN);
		return this.store;
	}

	@Override
	protected void editReason(long sequence, String reason) {
		List<AuditRecord> records = records();
		AuditRecord record = records.get((int) sequence - 1);
		AuditEntry entry = record.entry();
		records
			.set((int) sequence - 1,
					new AuditRecord(record.sequence(), new AuditEntry(entry.recordedAt(), entry.type(),
							entry.principal(), entry.requester(), reason, entry.details()), record.previousHash(),
							record.hash()));
	}

	@Override
	protected void delete(long sequence) {
		records().remove((int) sequence - 1);
	}

	@Override
	protected void swap(long first, long second) {
		Collections.swap(records(), (int) first - 1, (int) second - 1);
	}

	@SuppressWarnings("unchecked")
	private List<AuditRecord> records() {
		return (List<AuditRecord>) ReflectionTestUtils.getField(this.store, "records");
	}

}
