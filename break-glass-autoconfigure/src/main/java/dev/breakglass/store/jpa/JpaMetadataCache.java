package dev.breakglass.store.jpa;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.breakglass.store.MetadataCache;
import dev.breakglass.store.MetadataDocuments;
import dev.breakglass.store.StoreLimits;
import org.springframework.util.Assert;

/**
 * {@link MetadataCache} in PostgreSQL, shared by every node on the database. Documents
 * are stored as {@code jsonb}; a put is one upsert, so the latest put wins; an expired
 * row is never served, even before {@link #sweep()} deletes it.
 */
public final class JpaMetadataCache implements MetadataCache {

	private static final String PUT = """
			INSERT INTO break_glass_metadata_cache (url, metadata, expires_at)
			VALUES (:url, CAST(:metadata AS jsonb), :expiresAt)
			ON CONFLICT (url) DO UPDATE SET metadata = excluded.metadata, expires_at = excluded.expires_at
			""";

	private static final String GET = """
			SELECT CAST(metadata AS text) FROM break_glass_metadata_cache
			WHERE url = :url AND expires_at > statement_timestamp()
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
		Assert.notNull(url, "url must not be null");
		if (!StoreLimits.isStorableUrl(url)) {
			return Optional.empty();
		}
		List<?> rows = this.statements.run("get a metadata document",
				(entityManager) -> entityManager.createNativeQuery(GET).setParameter("url", url).getResultList());
		return rows.isEmpty() ? Optional.empty() : Optional.of(MetadataDocuments.decode((String) rows.get(0)));
	}

	@Override
	public void put(String url, Map<String, Object> metadata, Instant expiresAt) {
		StoreLimits.checkUrl(url);
		String json = MetadataDocuments.encode(metadata);
		Assert.notNull(expiresAt, "expiresAt must not be null");
		this.statements.run("put a metadata document",
				(entityManager) -> entityManager.createNativeQuery(PUT)
					.setParameter("url", url)
					.setParameter("metadata", json)
					.setParameter("expiresAt", expiresAt)
					.executeUpdate());
	}

	@Override
	public int sweep() {
		return JpaExpiringTable.METADATA_CACHE.deleteExpired(this.statements);
	}

}
