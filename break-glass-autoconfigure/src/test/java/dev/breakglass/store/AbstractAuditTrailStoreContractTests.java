package dev.breakglass.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.breakglass.test.Race;
import dev.breakglass.test.TestSecrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What every {@link AuditTrailStore} promises: one chain, whoever appends, and every
 * edit, deletion, insertion or reordering found as the first broken link. Each backend
 * extends this class and says how someone with access to its storage changes a record.
 */
public abstract class AbstractAuditTrailStoreContractTests {

	/**
	 * The chain of the store under test.
	 */
	protected static final AuditChain CHAIN = new AuditChain(TestSecrets.HASHER);

	private AuditTrailStore store;

	/**
	 * Create the store under test, empty, with {@link #CHAIN}.
	 * @return the store
	 */
	protected abstract AuditTrailStore createStore();

	/**
	 * Change the reason of a record in place, as someone with write access to the storage
	 * could, leaving its hashes as they are.
	 * @param sequence the record's sequence
	 * @param reason the new reason
	 */
	protected abstract void editReason(long sequence, String reason);

	/**
	 * Remove a record, as someone with write access to the storage could.
	 * @param sequence the record's sequence
	 */
	protected abstract void delete(long sequence);

	/**
	 * Swap two records, as someone with write access to the storage could.
	 * @param first the first record's sequence
	 * @param second the second record's sequence
	 */
	protected abstract void swap(long first, long second);

	@BeforeEach
	void createStoreUnderTest() {
		this.store = createStore();
	}

	@Test
	void anEmptyTrailIsIntactWithTheGenesisHash() {
		assertThat(this.store.verify()).isEqualTo(new AuditChainVerification(true, 0, AuditChain.GENESIS, null, null));
		assertThat(this.store.latest(10)).isEmpty();
	}

	@Test
	void appendsFormOneChainThatReadsBackAsWritten() {
		AuditRecord first = this.store.append(entry("BREAK_GLASS_OTP_REQUESTED", "alice", "INC-1"));
		AuditRecord second = this.store.append(new AuditEntry(Instant.parse("2026-12-06T10:15:30.123456Z"),
				"BREAK_GLASS_THROTTLED", null, null, null, Map.of("limit", "FAILED_OPENS", "retryAfter", "PT15M")));
		assertThat(first.sequence()).isOne();
		assertThat(first.previousHash()).isEqualTo(AuditChain.GENESIS);
		assertThat(second.sequence()).isEqualTo(2);
		assertThat(second.previousHash()).isEqualTo(first.hash());
		assertThat(second.entry().recordedAt()).as("to the millisecond")
			.isEqualTo(Instant.parse("2026-12-06T10:15:30.123Z"));
		assertThat(this.store.latest(10)).containsExactly(first, second);
		assertThat(this.store.latest(1)).containsExactly(second);
		assertThat(this.store.verify()).isEqualTo(new AuditChainVerification(true, 2, second.hash(), null, null));
	}

	@Test
	void anyTextARequesterOrReasonMayHoldReadsBackAndVerifies() {
		AuditRecord record = this.store.append(entry("BREAK_GLASS_SESSION_OPENED", "ali;ce 5:x-", "a;b 3:c; - \"é\""));
		assertThat(this.store.latest(1)).containsExactly(record);
		assertThat(this.store.verify().intact()).isTrue();
	}

	@Test
	void anEditedRecordIsTheFirstBrokenLink() {
		appendFive();
		editReason(3, "nothing to see");
		AuditChainVerification verification = this.store.verify();
		assertThat(verification.intact()).isFalse();
		assertThat(verification.brokenAt()).isEqualTo(3);
		assertThat(verification.records()).isEqualTo(2);
		assertThat(verification.problem()).isEqualTo("record 3 was changed: its hash does not match its content");
		assertThat(verification.headHash()).isNull();
	}

	@Test
	void aDeletedRecordIsTheFirstBrokenLink() {
		appendFive();
		delete(2);
		AuditChainVerification verification = this.store.verify();
		assertThat(verification.intact()).isFalse();
		assertThat(verification.brokenAt()).isEqualTo(2);
		assertThat(verification.problem()).isEqualTo("record 2 is missing or out of place: the next record found is 3");
	}

	@Test
	void reorderedRecordsAreTheFirstBrokenLink() {
		appendFive();
		swap(3, 4);
		AuditChainVerification verification = this.store.verify();
		assertThat(verification.intact()).isFalse();
		assertThat(verification.brokenAt()).isEqualTo(3);
	}

	@Test
	void aRecordForgedWithoutTheKeyIsTheFirstBrokenLink() {
		AuditRecord first = this.store.append(entry("BREAK_GLASS_OTP_REQUESTED", "alice", "INC-1"));
		// a forger who knows the format, not the key, links a record of its own
		AuditChain forger = new AuditChain(SecretHasher.derive(new byte[32], "forged"));
		AuditRecord forged = forger.link(first, entry("BREAK_GLASS_SESSION_CLOSED", "alice", "INC-1"));
		AuditChain.Verifier verifier = CHAIN.verifier();
		assertThat(verifier.accept(this.store.latest(1).get(0))).isTrue();
		assertThat(verifier.accept(forged)).isFalse();
		assertThat(verifier.result().problem()).isEqualTo("record 2 was changed: its hash does not match its content");
	}

	@Test
	void appendsRacedFromManyThreadsFormOneUnbrokenChain() throws Exception {
		try (Race race = new Race()) {
			List<AuditRecord> appended = new ArrayList<>();
			for (int round = 0; round < 5; round++) {
				int r = round;
				appended.addAll(race.run((thread) -> () -> this.store
					.append(entry("BREAK_GLASS_OTP_REJECTED", "user-" + thread, "round " + r))));
			}
			Set<Long> sequences = new HashSet<>();
			appended.forEach((record) -> sequences.add(record.sequence()));
			assertThat(sequences).as("every append got a place of its own").hasSize(5 * Race.THREADS);
			AuditChainVerification verification = this.store.verify();
			assertThat(verification.intact()).as("%s", verification).isTrue();
			assertThat(verification.records()).isEqualTo(5 * Race.THREADS);
		}
	}

	@Test
	void badInputIsRejectedAndLosesNothing() {
		this.store.append(entry("BREAK_GLASS_OTP_REQUESTED", "alice", "INC-1"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.append(null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.latest(0));
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.latest(AuditChain.MAX_READ + 1));
		assertThatIllegalArgumentException().isThrownBy(() -> entry("BREAK_GLASS_OTP_REQUESTED", "al\nice", "x"));
		assertThat(this.store.verify().records()).isOne();
	}

	private void appendFive() {
		for (int i = 1; i <= 5; i++) {
			this.store.append(entry("BREAK_GLASS_OTP_REQUESTED", "alice", "INC-" + i));
		}
		assertThat(this.store.verify().intact()).isTrue();
	}

	private static AuditEntry entry(String type, String requester, String reason) {
		return new AuditEntry(Instant.now(), type, requester, requester, reason, Map.of("expiresAt", "soon"));
	}

}
