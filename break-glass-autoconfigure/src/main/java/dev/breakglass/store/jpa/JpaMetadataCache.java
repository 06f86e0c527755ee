package dev.breakglass.store.jpa;

import java.time.Duration;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import dev.breakglass.store.MetadataCache;
import dev.breakglass.store.MetadataDocuments;
import dev.breakglass.store.StoreLimits;

/**
 * {@link MetadataCache} in PostgreSQL, shared by every node on the database. Documents
 * are stored as {@code jsonb}; a put is one upsert, so the latest put wins; an expired
 * row is never served, even before {@link #sweep()} deletes it. Owns the table
 * {@value #TABLE}; {@link JpaExpiredRowSweeper} also sweeps it on a schedule.
 */
public final class JpaMetadataCache implements MetadataCache, JpaExpiringStore {

	/**
	 * The table this cache owns (see the shipped migration).
	 */
	static final String TABLE = "break_glass_metadata_cache";

	private static final String PUT = """
			INSERT INTO break_glass_metadata_cache (url, metadata, expires_at)
			VALUES (?, CAST(? AS jsonb), ?)
			ON CONFLICT (url) DO UPDATE SET metadata = excluded.metadata, expires_at = excluded.expires_at
			""";

	private static final String GET = """
			SELECT CAST(metadata AS text) FROM break_glass_metadata_cache
			WHERE url = ? AND expires_at > statement_timestamp()
			""";

	private static final String DELETE_EXPIRED = """
			DELETE FROM break_glass_metadata_cache WHERE url IN (
			    SELECT url FROM break_glass_metadata_cache WHERE expires_at <= statement_timestamp()
			    LIMIT ? FOR UPDATE SKIP LOCKED)
			""";

	private final JpaStatements statements;

	/**
	 * Create a cache.
	 * @param statements runs the statements
	 */
	public JpaMetadataCache(JpaStatements statements) {
		this.statements = statements;
	}

	@Override
	public Optional<Map<String, Object>> get(String url) {
		if (!StoreLimits.isStorableUrl(url)) {
			return Optional.empty();
		}
		return this.statements.queryRow("get a metadata document", GET, (row) -> row.getString(1), url)
			.map(MetadataDocuments::decode);
	}

	@Override
	public void put(String url, Map<String, Object> metadata, Instant expiresAt) {
		StoreLimits.checkMetadata(url, expiresAt);
		String json = MetadataDocuments.encode(metadata);
		this.statements.issue("put a metadata document", PUT, url, json, expiresAt);
	}

	@Override
	public int sweep() {
		// called by the application, which waits for it: the brisk pace from the start
		return deleteExpired(Duration.ZERO);
	}

	@Override
	public int deleteExpired(Duration gentleFor) {
		return JpaExpiredRows.delete(this.statements, "delete expired metadata documents", DELETE_EXPIRED, gentleFor);
	}

}
