package dev.breakglass.store.jpa;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.breakglass.store.AbstractAuditTrailStoreContractTests;
import dev.breakglass.store.AuditChainVerification;
import dev.breakglass.store.AuditEntry;
import dev.breakglass.store.AuditTrailStore;
import dev.breakglass.test.Race;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class JpaAuditTrailStoreTests extends AbstractAuditTrailStoreContractTests {

	@RegisterExtension
	static final JpaDatabase database = new JpaDatabase();

	@Override
	protected AuditTrailStore createStore() {
		return new JpaAuditTrailStore(database.statements(), CHAIN);
	}

	@Override
	protected void editReason(long sequence, String reason) {
		edit(database.jdbc(), sequence, reason);
	}

	@Override
	protected void delete(long sequence) {
		database.jdbc().update("DELETE FROM break_glass_audit WHERE sequence = ?", sequence);
	}

	@Override
	protected void swap(long first, long second) {
		swapRows(database.jdbc(), first, second);
	}

	@Test
	void aRowEditedIntoSomethingNoAppendWritesIsTheFirstBrokenLink() {
		AuditTrailStore store = createStore();
		store.append(new AuditEntry(Instant.now(), "BREAK_GLASS_OTP_REQUESTED", "alice", "alice", "INC-1", Map.of()));
		database.jdbc().update("UPDATE break_glass_audit SET details = 'garbage'");
		AuditChainVerification verification = store.verify();
		assertThat(verification.brokenAt()).isOne();
		assertThat(verification.problem()).isEqualTo("record 1 was changed: its hash does not match its content");
	}

	@Test
	void twoNodesAppendingAtOnceFormOneChain() throws Exception {
		AuditTrailStore node1 = createStore();
		AuditTrailStore node2 = new JpaAuditTrailStore(database.startNode().getBean(JpaStatements.class), CHAIN);
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

	static void edit(JdbcTemplate jdbc, long sequence, String reason) {
		jdbc.update("UPDATE break_glass_audit SET reason = ? WHERE sequence = ?", reason, sequence);
	}

	static void swapRows(JdbcTemplate jdbc, long first, long second) {
		List<Map<String, Object>> rows = jdbc.queryForList(
				"SELECT sequence, recorded_at, type, principal, requester, reason, details, previous_hash, hash "
						+ "FROM break_glass_audit WHERE sequence IN (?, ?) ORDER BY sequence",
				first, second);
		for (int i = 0; i < 2; i++) {
			Map<String, Object> other = rows.get(1 - i);
			jdbc.update(
					"UPDATE break_glass_audit SET recorded_at = ?, type = ?, principal = ?, requester = ?, "
							+ "reason = ?, details = ?, previous_hash = ?, hash = ? WHERE sequence = ?",
					other.get("recorded_at"), other.get("type"), other.get("principal"), other.get("requester"),
					other.get("reason"), other.get("details"), other.get("previous_hash"), other.get("hash"),
					rows.get(i).get("sequence"));
		}
	}

	/**
	 * The same contract with the pool's auto-commit off.
	 */
	@Nested
	class AutoCommitOff extends AbstractAuditTrailStoreContractTests {

		@RegisterExtension
		static final JpaDatabase database = new JpaDatabase(JpaDatabase.AUTO_COMMIT_OFF);

		@Override
		protected AuditTrailStore createStore() {
			return new JpaAuditTrailStore(database.statements(), CHAIN);
		}

		@Override
		protected void editReason(long sequence, String reason) {
			edit(database.jdbc(), sequence, reason);
		}

		@Override
		protected void delete(long sequence) {
			database.jdbc().update("DELETE FROM break_glass_audit WHERE sequence = ?", sequence);
		}

		@Override
		protected void swap(long first, long second) {
			swapRows(database.jdbc(), first, second);
		}

	}

}
