package dev.breakglass.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The one home of the audit trail's chain: how a record is linked to the one before it,
 * how its fields are written as text (for its hash, the jpa column and the redis value)
 * and how a trail is checked. A record's hash is the HMAC-SHA-256, under the trail's key,
 * of its sequence, time, type, principal, requester, reason, details (sorted by name) and
 * the previous record's hash, written as length-prefixed fields so that no two records
 * share a text.
 */
public final class AuditChain {

	/**
	 * The previous hash of the first record.
	 */
	public static final String GENESIS = "0".repeat(64);

	/**
	 * Most records one read returns.
	 */
	public static final int MAX_READ = 1000;

	private static final String NULL = "-";

	private final SecretHasher hasher;

	/**
	 * Create a chain.
	 * @param hasher the trail's keyed hash; the same key on every node
	 */
	public AuditChain(SecretHasher hasher) {
		Assert.notNull(hasher, "hasher must not be null");
		this.hasher = hasher;
	}

	/**
	 * Make the record that follows another.
	 * @param previous the last record of the trail, or {@code null} when it is empty
	 * @param entry what to record
	 * @return the next record
	 */
	public AuditRecord link(@Nullable AuditRecord previous, AuditEntry entry) {
		return (previous != null) ? link(previous.sequence(), previous.hash(), entry) : link(0, GENESIS, entry);
	}

	/**
	 * Make the record that follows another, knowing only its sequence and hash.
	 * @param previousSequence the last record's sequence, or 0 when the trail is empty
	 * @param previousHash its hash, or {@link #GENESIS}
	 * @param entry what to record
	 * @return the next record
	 */
	public AuditRecord link(long previousSequence, String previousHash, AuditEntry entry) {
		Assert.notNull(entry, "entry must not be null");
		long sequence = previousSequence + 1;
		return new AuditRecord(sequence, entry, previousHash, hash(sequence, entry, previousHash));
	}

	/**
	 * Check how many records a read asks for.
	 * @param limit how many
	 * @return the limit
	 * @throws IllegalArgumentException unless it is 1 to {@value #MAX_READ}
	 */
	public static int checkReadLimit(int limit) {
		Assert.isTrue(limit >= 1 && limit <= MAX_READ, () -> "limit must be 1 to " + MAX_READ + ", but is " + limit);
		return limit;
	}

	/**
	 * Start a walk over a trail, from its first record.
	 * @return a verifier to give the records to, in the trail's order
	 */
	public Verifier verifier() {
		return new Verifier();
	}

	private String hash(long sequence, AuditEntry entry, String previousHash) {
		return this.hasher.hash(encode(Long.toString(sequence), Long.toString(entry.recordedAt().toEpochMilli()),
				entry.type(), entry.principal(), entry.requester(), entry.reason(), encodeDetails(entry.details()),
				previousHash));
	}

	/**
	 * Write a record's fields as text: sequence, time in epoch milliseconds, type,
	 * principal, requester, reason, details, previous hash, hash.
	 * @param record the record
	 * @return the text
	 */
	public static String encode(AuditRecord record) {
		AuditEntry entry = record.entry();
		return encode(Long.toString(record.sequence()), Long.toString(entry.recordedAt().toEpochMilli()), entry.type(),
				entry.principal(), entry.requester(), entry.reason(), encodeDetails(entry.details()),
				record.previousHash(), record.hash());
	}

	/**
	 * Read what {@link #encode(AuditRecord)} wrote.
	 * @param text the text
	 * @return the record
	 * @throws IllegalArgumentException if the text is not such a record
	 */
	public static AuditRecord decode(String text) {
		List<@Nullable String> fields = decodeFields(text);
		Assert.isTrue(fields.size() == 9, "an audit record has 9 fields");
		try {
			AuditEntry entry = new AuditEntry(Instant.ofEpochMilli(Long.parseLong(required(fields.get(1)))),
					required(fields.get(2)), fields.get(3), fields.get(4), fields.get(5),
					decodeDetails(required(fields.get(6))));
			return new AuditRecord(Long.parseLong(required(fields.get(0))), entry, required(fields.get(7)),
					required(fields.get(8)));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("an audit record's sequence and time are numbers", ex);
		}
	}

	/**
	 * Write details as text, sorted by name.
	 * @param details the details
	 * @return the text
	 */
	public static String encodeDetails(Map<String, String> details) {
		List<String> fields = new ArrayList<>();
		new TreeMap<>(details).forEach((name, value) -> {
			fields.add(name);
			fields.add(value);
		});
		return encode(fields.toArray(String[]::new));
	}

	/**
	 * Read what {@link #encodeDetails} wrote.
	 * @param text the text
	 * @return the details, sorted by name
	 * @throws IllegalArgumentException if the text is not such details
	 */
	public static Map<String, String> decodeDetails(String text) {
		List<@Nullable String> fields = decodeFields(text);
		Assert.isTrue(fields.size() % 2 == 0, "audit details come in pairs");
		Map<String, String> details = new LinkedHashMap<>();
		for (int i = 0; i < fields.size(); i += 2) {
			details.put(required(fields.get(i)), required(fields.get(i + 1)));
		}
		return details;
	}

	// field = "-" (none) | length ":" text, each followed by ";"
	private static String encode(@Nullable String... fields) {
		StringBuilder text = new StringBuilder();
		for (String field : fields) {
			if (field == null) {
				text.append(NULL);
			}
			else {
				text.append(field.length()).append(':').append(field);
			}
			text.append(';');
		}
		return text.toString();
	}

	private static List<@Nullable String> decodeFields(String text) {
		Assert.notNull(text, "text must not be null");
		List<@Nullable String> fields = new ArrayList<>();
		int at = 0;
		while (at < text.length()) {
			if (text.startsWith(NULL + ";", at)) {
				fields.add(null);
				at += 2;
				continue;
			}
			int colon = text.indexOf(':', at);
			Assert.isTrue(colon > at && colon - at <= 9, "an audit field starts with its length");
			int length;
			try {
				length = Integer.parseInt(text, at, colon, 10);
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("an audit field starts with its length", ex);
			}
			int end = colon + 1 + length;
			Assert.isTrue(length >= 0 && end < text.length() && text.charAt(end) == ';',
					"an audit field ends where its length says");
			fields.add(text.substring(colon + 1, end));
			at = end + 1;
		}
		return fields;
	}

	private static String required(@Nullable String field) {
		Assert.notNull(field, "an audit field is missing");
		return field;
	}

	/**
	 * Checks a trail record by record, in its order, and remembers the first broken link.
	 */
	public final class Verifier {

		private long records;

		private long expected = 1;

		private String previousHash = GENESIS;

		private @Nullable AuditChainVerification broken;

		private Verifier() {
		}

		/**
		 * Check the next record.
		 * @param record the record
		 * @return whether to go on: {@code false} once a link is broken
		 */
		public boolean accept(AuditRecord record) {
			if (this.broken != null) {
				return false;
			}
			String problem = problem(record);
			if (problem != null) {
				this.broken = AuditChainVerification.broken(this.records, this.expected, problem);
				return false;
			}
			this.records++;
			this.expected++;
			this.previousHash = record.hash();
			return true;
		}

		/**
		 * Check a record that could not be read at all.
		 * @param why what is wrong with it, never its content
		 */
		public void unreadable(String why) {
			if (this.broken == null) {
				this.broken = AuditChainVerification.broken(this.records, this.expected,
						"record " + this.expected + " cannot be read: " + why);
			}
		}

		/**
		 * What the walk found.
		 * @return the verification
		 */
		public AuditChainVerification result() {
			return (this.broken != null) ? this.broken : AuditChainVerification.intact(this.records, this.previousHash);
		}

		private @Nullable String problem(AuditRecord record) {
			if (record.sequence() != this.expected) {
				return "record " + this.expected + " is missing or out of place: the next record found is "
						+ record.sequence();
			}
			if (!Secrets.constantTimeEquals(hash(record.sequence(), record.entry(), record.previousHash()),
					record.hash())) {
				return "record " + this.expected + " was changed: its hash does not match its content";
			}
			if (!Secrets.constantTimeEquals(this.previousHash, record.previousHash())) {
				return "record " + this.expected + " does not follow record " + (this.expected - 1)
						+ ": it holds another previous hash";
			}
			return null;
		}

	}

	@Override
	public String toString() {
		return "AuditChain[HMAC-SHA-256]";
	}

}
