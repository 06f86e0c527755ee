package dev.breakglass.store.jpa;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.breakglass.store.AuditChain;
import dev.breakglass.store.AuditChainVerification;
import dev.breakglass.store.AuditEntry;
import dev.breakglass.store.AuditRecord;
import dev.breakglass.store.AuditTrailStore;
import dev.breakglass.store.StoreUnavailableException;
import org.springframework.util.Assert;

/**
 * {@link AuditTrailStore} on PostgreSQL, in {@code break_glass_audit}. An append reads
 * the last record and inserts the next under the primary key of its sequence, each
 * statement alone and committed at once: of two nodes that read the same last record, one
 * inserts and the other finds the key taken, reads again and links to the winner. Rows
 * are never updated or deleted by break-glass.
 */
public final class JpaAuditTrailStore implements AuditTrailStore {

	/**
	 * How many times an append reads the last record again after another node got there
	 * first, before it gives up.
	 */
	static final int MAX_ATTEMPTS = 100;

	static final String TABLE = "break_glass_audit";

	private static final String COLUMNS = "sequence, recorded_at, type, principal, requester, reason, details, "
			+ "previous_hash, hash";

	private static final String LAST = "SELECT sequence, hash FROM break_glass_audit ORDER BY sequence DESC LIMIT 1";

	private static final String APPEND = "INSERT INTO break_glass_audit (" + COLUMNS + ") "
			+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sequence) DO NOTHING RETURNING sequence";

	private static final String LATEST = "SELECT * FROM (SELECT " + COLUMNS
			+ " FROM break_glass_audit ORDER BY sequence DESC LIMIT ?) latest ORDER BY sequence";

	private static final String PAGE = "SELECT " + COLUMNS
			+ " FROM break_glass_audit WHERE sequence > ? ORDER BY sequence LIMIT ?";

	private final JpaStatements statements;

	private final AuditChain chain;

	/**
	 * Create a store.
	 * @param statements runs the statements
	 * @param chain links and checks the records; the same key on every node
	 */
	public JpaAuditTrailStore(JpaStatements statements, AuditChain chain) {
		Assert.notNull(chain, "chain must not be null");
		this.statements = statements;
		this.chain = chain;
	}

	@Override
	public AuditRecord append(AuditEntry entry) {
		Assert.notNull(entry, "entry must not be null");
		for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
			// read alone: a caller's repeatable-read snapshot would show the same last
			// record on every attempt
			List<Map.Entry<Long, String>> last = this.statements.queryRowsAlone("read the last audit record", LAST,
					(row) -> Map.entry(row.getLong(1), row.getString(2)));
			AuditRecord record = last.isEmpty() ? this.chain.link(null, entry)
					: this.chain.link(last.get(0).getKey(), last.get(0).getValue(), entry);
			Optional<Long> inserted = this.statements.queryRowAloneAndCommit("append an audit record", APPEND,
					(row) -> row.getLong(1), record.sequence(), entry.recordedAt().toEpochMilli(), entry.type(),
					entry.principal(), entry.requester(), entry.reason(), AuditChain.encodeDetails(entry.details()),
					record.previousHash(), record.hash());
			if (inserted.isPresent()) {
				return record;
			}
		}
		throw new StoreUnavailableException(
				"jpa audit trail store failed to append an audit record: other appends took the next place "
						+ MAX_ATTEMPTS + " times in a row",
				new IllegalStateException("no free place in the audit trail"));
	}

	@Override
	public List<AuditRecord> latest(int limit) {
		AuditChain.checkReadLimit(limit);
		return this.statements.queryRowsAlone("read the latest audit records", LATEST, JpaAuditTrailStore::record,
				limit);
	}

	@Override
	public AuditChainVerification verify() {
		AuditChain.Verifier verifier = this.chain.verifier();
		long after = 0;
		while (true) {
			List<AuditRecord> page = this.statements.queryRowsAlone("verify the audit trail", PAGE,
					JpaAuditTrailStore::record, after, AuditChain.MAX_READ);
			for (AuditRecord record : page) {
				if (!verifier.accept(record)) {
					return verifier.result();
				}
			}
			if (page.size() < AuditChain.MAX_READ) {
				return verifier.result();
			}
			after = page.get(page.size() - 1).sequence();
		}
	}

	private static AuditRecord record(ResultSet row) throws SQLException {
		AuditEntry entry;
		try {
			entry = new AuditEntry(Instant.ofEpochMilli(row.getLong(2)), row.getString(3), row.getString(4),
					row.getString(5), row.getString(6), AuditChain.decodeDetails(row.getString(7)));
		}
		catch (IllegalArgumentException ex) {
			// a row edited into something no append writes: it keeps its place, and its
			// hash cannot match
			entry = new AuditEntry(Instant.EPOCH, "UNREADABLE", null, null, null, Map.of());
		}
		return new AuditRecord(row.getLong(1), entry, row.getString(8), row.getString(9));
	}

}
