package dev.breakglass.store.redis;

import java.util.List;

import dev.breakglass.store.AuditChain;
import dev.breakglass.store.AuditChainVerification;
import dev.breakglass.store.AuditEntry;
import dev.breakglass.store.AuditRecord;
import dev.breakglass.store.AuditTrailStore;
import dev.breakglass.store.StoreUnavailableException;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.util.Assert;

/**
 * {@link AuditTrailStore} on Redis: one list, oldest record first, without expiry. An
 * append reads the last record and pushes the next with a script that pushes only if the
 * last record is still the one read: of two nodes that read the same one, one pushes and
 * the other reads again and links to the winner. An append whose reply was lost is not
 * sent again (see {@code break-glass.redis.at-most-once}) and throws
 * {@link StoreUnavailableException}. Nothing of break-glass removes or rewrites a record.
 */
public final class RedisAuditTrailStore implements AuditTrailStore {

	/**
	 * How many times an append reads the last record again after another node got there
	 * first, before it gives up.
	 */
	static final int MAX_ATTEMPTS = 100;

	private final RedisStoreCommands redis;

	private final String key;

	private final AuditChain chain;

	/**
	 * Create a store.
	 * @param redis the template, with string keys and values
	 * @param keyPrefix prefix of the store's key
	 * @param chain links and checks the records; the same key on every node
	 * @param acknowledgement how many replicas must acknowledge each append before it
	 * returns
	 */
	public RedisAuditTrailStore(RedisOperations<String, String> redis, String keyPrefix, AuditChain chain,
			RedisReplicaAcknowledgement acknowledgement) {
		Assert.notNull(chain, "chain must not be null");
		this.redis = new RedisStoreCommands(redis, "Redis audit trail store", acknowledgement);
		this.key = new RedisKeys(keyPrefix).auditTrail();
		this.chain = chain;
	}

	@Override
	public AuditRecord append(AuditEntry entry) {
		Assert.notNull(entry, "entry must not be null");
		for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
			List<String> last = this.redis.range("read the last audit record", this.key, -1, -1);
			AuditRecord previous = last.isEmpty() ? null : decode("read the last audit record", last.get(0));
			AuditRecord record = this.chain.link(previous, entry);
			String value = RedisValueCodec.encodeTagged(RedisValueCodec.AUDIT_RECORD, AuditChain.encode(record));
			if (this.redis.appendIfLast("append an audit record", this.key, last.isEmpty() ? "" : last.get(0), value)) {
				return record;
			}
		}
		throw new StoreUnavailableException(
				"Redis audit trail store failed to append an audit record: other appends took the next place "
						+ MAX_ATTEMPTS + " times in a row",
				new IllegalStateException("no free place in the audit trail"));
	}

	@Override
	public List<AuditRecord> latest(int limit) {
		AuditChain.checkReadLimit(limit);
		return this.redis.range("read the latest audit records", this.key, -limit, -1)
			.stream()
			.map((value) -> decode("read the latest audit records", value))
			.toList();
	}

	@Override
	public AuditChainVerification verify() {
		AuditChain.Verifier verifier = this.chain.verifier();
		for (long start = 0;; start += AuditChain.MAX_READ) {
			List<String> page = this.redis.range("verify the audit trail", this.key, start,
					start + AuditChain.MAX_READ - 1);
			for (String value : page) {
				AuditRecord record;
				try {
					record = parse(value);
				}
				catch (InvalidRedisValueException ex) {
					verifier.unreadable("it is not an audit record of break-glass");
					return verifier.result();
				}
				if (!verifier.accept(record)) {
					return verifier.result();
				}
			}
			if (page.size() < AuditChain.MAX_READ) {
				return verifier.result();
			}
		}
	}

	private AuditRecord decode(String operation, String value) {
		return this.redis.read(operation, () -> parse(value));
	}

	private static AuditRecord parse(String value) {
		try {
			return AuditChain.decode(RedisValueCodec.decode(RedisValueCodec.AUDIT_RECORD, value, 1).get(0));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRedisValueException("an audit record that break-glass cannot read");
		}
	}

}
