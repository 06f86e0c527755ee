package dev.breakglass.store.redis;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.breakglass.store.AbstractAuditTrailStoreContractTests;
import dev.breakglass.store.AuditChain;
import dev.breakglass.store.AuditChainVerification;
import dev.breakglass.store.AuditEntry;
import dev.breakglass.store.AuditRecord;
import dev.breakglass.store.AuditTrailStore;
import dev.breakglass.test.Race;

import static org.assertj.core.api.Assertions.assertThat;

class RedisAuditTrailStoreTests extends AbstractAuditTrailStoreContractTests {

	@RegisterExtension
	final RedisTestKeys keys = new RedisTestKeys(getClass());

	@Override
	protected AuditTrailStore createStore() {
		return new RedisAuditTrailStore(this.keys.redis(), this.keys.prefix(), CHAIN, RedisReplicaAcknowledgement.NONE);
	}

	@Override
	protected void editReason(long sequence, String reason) {
		AuditRecord record = read(sequence);
		AuditEntry entry = record.entry();
		write(sequence, new AuditRecord(record.sequence(), new AuditEntry(entry.recordedAt(), entry.type(),
				entry.principal(), entry.requester(), reason, entry.details()), record.previousHash(), record.hash()));
	}

	@Override
	protected void delete(long sequence) {
		this.keys.redis().opsForList().remove(key(), 1, this.keys.redis().opsForList().index(key(), sequence - 1));
	}

	@Override
	protected void swap(long first, long second) {
		AuditRecord a = read(first);
		AuditRecord b = read(second);
		write(first, b);
		write(second, a);
	}

	@Test
	void theTrailIsOneListWithoutExpiry() {
		createStore()
			.append(new AuditEntry(Instant.now(), "BREAK_GLASS_OTP_REQUESTED", "alice", "alice", "INC-1", Map.of()));
		assertThat(this.keys.keys()).containsExactly(key());
		assertThat(this.keys.redis().getExpire(key())).isEqualTo(-1);
		assertThat(this.keys.redis().opsForList().index(key(), 0)).startsWith("a1;");
	}

	@Test
	void anElementThatIsNoAuditRecordIsTheFirstBrokenLink() {
		AuditTrailStore store = createStore();
		store.append(new AuditEntry(Instant.now(), "BREAK_GLASS_OTP_REQUESTED", "alice", "alice", "INC-1", Map.of()));
		this.keys.redis().opsForList().rightPush(key(), "garbage");
		AuditChainVerification verification = store.verify();
		assertThat(verification.records()).isOne();
		assertThat(verification.brokenAt()).isEqualTo(2);
		assertThat(verification.problem())
			.isEqualTo("record 2 cannot be read: it is not an audit record of break-glass");
	}

	@Test
	void twoNodesAppendingAtOnceFormOneChain() throws Exception {
		AuditTrailStore node1 = createStore();
		AuditTrailStore node2 = new RedisAuditTrailStore(this.keys.redis(), this.keys.prefix(), CHAIN,
				RedisReplicaAcknowledgement.NONE);
		try (Race race = new Race(8)) {
			for (int round = 0; round < 10; round++) {
				race.run((thread) -> () -> ((thread % 2 == 0) ? node1 : node2).append(new AuditEntry(Instant.now(),
						"BREAK_GLASS_OTP_REJECTED", "user-" + thread, "user-" + thread, "INC-1", Map.of())));
			}
		}
		AuditChainVerification verification = node2.verify();
		assertThat(verification.intact()).as("%s", verification).isTrue();
		assertThat(verification.records()).isEqualTo(80);
	}

	private String key() {
		return this.keys.prefix() + "audit";
	}

	private AuditRecord read(long sequence) {
		String value = this.keys.redis().opsForList().index(key(), sequence - 1);
		return AuditChain.decode(RedisValueCodec.decode(RedisValueCodec.AUDIT_RECORD, value, 1).get(0));
	}

	private void write(long sequence, AuditRecord record) {
		this.keys.redis()
			.opsForList()
			.set(key(), sequence - 1,
					RedisValueCodec.encodeTagged(RedisValueCodec.AUDIT_RECORD, AuditChain.encode(record)));
	}

}
