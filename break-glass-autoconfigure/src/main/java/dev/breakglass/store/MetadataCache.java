package dev.breakglass.store;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Cache of validated metadata documents (e.g. OAuth Client ID Metadata Documents), keyed
 * by URL. Documents are JSON objects: every backend stores them as JSON and returns the
 * same unmodifiable map for the same document.
 */
public interface MetadataCache {

	/**
	 * Read a cached document without consuming it.
	 * @param url the document's URL
	 * @return the document, if cached and unexpired
	 */
	Optional<Map<String, Object>> get(String url);

	/**
	 * Cache a document, replacing any cached for the same URL: the latest put wins.
	 * @param url the document's URL: printable ASCII, at most
	 * {@value StoreLimits#MAX_URL_LENGTH} characters
	 * @param metadata the document: strings, numbers, booleans, nulls, lists and maps
	 * with string keys (at most {@value StoreLimits#MAX_METADATA_JSON_LENGTH} characters
	 * as JSON)
	 * @param expiresAt when the cached copy stops being served
	 */
	void put(String url, Map<String, Object> metadata, Instant expiresAt);

	/**
	 * Delete expired entries.
	 * @return how many were deleted
	 */
	int sweep();

}
