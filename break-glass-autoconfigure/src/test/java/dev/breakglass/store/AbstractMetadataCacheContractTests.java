package dev.breakglass.store;

import java.util.stream.Stream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.ParameterizedTest;

import dev.breakglass.test.Race;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What every {@link MetadataCache} promises. Each backend extends this class.
 */
public abstract class AbstractMetadataCacheContractTests {

	private static final String URL = "https://client.example.com/metadata.json";

	private MetadataCache cache;

	/**
	 * Create the cache under test, empty.
	 * @return the cache
	 */
	protected abstract MetadataCache createCache();

	/**
	 * Let time pass for the cache, by the clock that decides its expiry.
	 * @param duration how much
	 */
	protected abstract void elapse(Duration duration);

	/**
	 * The current time, by the clock that decides the cache's expiry.
	 * @return the instant
	 */
	protected abstract Instant now();

	/**
	 * How many of these expired entries the backend's storage still holds, for a sweep to
	 * delete: all of them, unless the backend's server deletes expired entries on its
	 * own.
	 * @param expiredUrls the URLs of the expired entries
	 * @return how many are still stored
	 */
	protected int expiredEntriesStored(List<String> expiredUrls) {
		return expiredUrls.size();
	}

	@BeforeEach
	void createCacheUnderTest() {
		this.cache = createCache();
	}

	@Test
	void getReturnsTheDocumentThatWasPutWithEveryJsonType() {
		Map<String, Object> document = document();
		this.cache.put(URL, document, now().plusSeconds(60));
		assertThat(this.cache.get(URL)).contains(document);
		assertThat(this.cache.get(URL)).as("get does not consume").contains(document);
	}

	@Test
	void getWhenUrlIsUnknownThenEmpty() {
		assertThat(this.cache.get("https://unknown.example.com")).isEmpty();
		assertThat(this.cache.get("")).isEmpty();
		assertThat(this.cache.get("x".repeat(100_000))).isEmpty();
	}

	@Test
	void getWhenUrlIsNullThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.cache.get(null));
	}

	@Test
	void putReplacesTheCachedDocument() {
		this.cache.put(URL, Map.of("version", 1), now().plusSeconds(600));
		this.cache.put(URL, Map.of("version", 2), now().plusSeconds(60));
		assertThat(this.cache.get(URL)).contains(Map.of("version", 2));
		elapse(Duration.ofSeconds(60));
		assertThat(this.cache.get(URL)).as("the latest expiry counts").isEmpty();
	}

	@Test
	void getWhenExpiredThenEmpty() {
		this.cache.put(URL, Map.of("a", "b"), now().plusSeconds(60));
		elapse(Duration.ofSeconds(59));
		assertThat(this.cache.get(URL)).isPresent();
		elapse(Duration.ofSeconds(1));
		assertThat(this.cache.get(URL)).isEmpty();
	}

	@Test
	void theReturnedDocumentCannotBeChanged() {
		this.cache.put(URL, document(), now().plusSeconds(60));
		Map<String, Object> read = this.cache.get(URL).orElseThrow();
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> read.put("x", 1));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> ((List<Object>) read.get("redirect_uris")).add("x"));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> ((Map<String, Object>) read.get("jwks")).clear());
		assertThat(this.cache.get(URL)).contains(document());
	}

	@Test
	void changingTheDocumentAfterPutDoesNotChangeTheCachedCopy() {
		Map<String, Object> document = new HashMap<>(Map.of("name", "before"));
		this.cache.put(URL, document, now().plusSeconds(60));
		document.put("name", "after");
		assertThat(this.cache.get(URL)).contains(Map.of("name", "before"));
	}

	@Test
	void sweepDeletesExpiredEntriesOnlyAndCountsThem() {
		List<String> expiredUrls = List.of(URL + "?short=0", URL + "?short=1", URL + "?short=2");
		for (int i = 0; i < expiredUrls.size(); i++) {
			this.cache.put(expiredUrls.get(i), Map.of("i", i), now().plusSeconds(60));
		}
		this.cache.put(URL, Map.of("long", true), now().plusSeconds(3600));
		elapse(Duration.ofSeconds(61));
		int stored = expiredEntriesStored(expiredUrls);
		assertThat(this.cache.sweep()).isEqualTo(stored);
		for (int i = 0; i < 3; i++) {
			assertThat(this.cache.get(URL + "?short=" + i)).isEmpty();
		}
		assertThat(this.cache.sweep()).isZero();
		assertThat(this.cache.get(URL)).contains(Map.of("long", true));
	}

	@Test
	void putWhenInputIsBadThenRejectedAndTheCachedDocumentSurvives() {
		Map<String, Object> cached = Map.of("kept", true);
		Instant expiresAt = now().plusSeconds(60);
		this.cache.put(URL, cached, expiresAt);
		assertThatIllegalArgumentException().isThrownBy(() -> this.cache.put(null, cached, expiresAt));
		assertThatIllegalArgumentException().isThrownBy(() -> this.cache.put(" ", cached, expiresAt));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.cache.put("x".repeat(StoreLimits.MAX_URL_LENGTH + 1), cached, expiresAt));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.cache.put("https://exämple.com/metadata", cached, expiresAt));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.cache.put("https://example.com/a b", cached, expiresAt));
		assertThatIllegalArgumentException().isThrownBy(() -> this.cache.put(URL, null, expiresAt));
		assertThatIllegalArgumentException().isThrownBy(() -> this.cache.put(URL, Map.of("a", 1), null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.cache.put(URL, Map.of("nul", "a\0b"), expiresAt))
			.withMessageNotContaining("a\0b");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.cache.put(URL, Map.of("o", new Object()), expiresAt));
		Map<String, Object> cyclic = new HashMap<>();
		cyclic.put("self", cyclic);
		assertThatIllegalArgumentException().isThrownBy(() -> this.cache.put(URL, cyclic, expiresAt));
		assertThatIllegalArgumentException().isThrownBy(
				() -> this.cache.put(URL, Map.of("big", "x".repeat(StoreLimits.MAX_METADATA_JSON_LENGTH)), expiresAt));
		assertThat(this.cache.get(URL)).contains(cached);
	}

	@Test
	void putWhenRacedOnOneUrlThenOneWholeDocumentIsCached() throws Exception {
		try (Race race = new Race()) {
			List<Map<String, Object>> written = race.run((i) -> () -> {
				Map<String, Object> document = Map.of("writer", i, "list", List.of(i, i, i));
				this.cache.put(URL, document, now().plusSeconds(60));
				return document;
			});
			assertThat(written).contains(this.cache.get(URL).orElseThrow());
		}
	}

	@Test
	void getWhenRacedThenEveryReaderSeesTheDocument() throws Exception {
		this.cache.put(URL, document(), now().plusSeconds(60));
		try (Race race = new Race()) {
			List<Optional<Map<String, Object>>> read = race.run(() -> this.cache.get(URL));
			assertThat(read).containsOnly(Optional.of(document()));
		}
	}

	private static Map<String, Object> document() {
		Map<String, Object> jwks = new LinkedHashMap<>();
		jwks.put("keys", List.of(Map.of("kty", "EC", "crv", "P-256")));
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("client_id", "https://client.example.com/metadata.json");
		document.put("client_name", "Éxample 漢字 😀 \"quoted\"\n");
		document.put("redirect_uris", new ArrayList<>(Arrays.asList("https://client.example.com/cb", null)));
		document.put("jwks", jwks);
		document.put("int", 42);
		document.put("long", 9_007_199_254_740_993L);
		document.put("double", 0.1);
		document.put("negative", -7);
		document.put("true", true);
		document.put("false", false);
		document.put("null", null);
		document.put("empty_map", Map.of());
		document.put("empty_list", List.of());
		return document;
	}

	@ParameterizedTest
	@MethodSource("dev.breakglass.store.AbstractAuthorizationCodeStoreContractTests#unstorableExpiries")
	void putWhenExpiryIsOutsideTheStorableRangeThenRejectedAndTheCachedDocumentSurvives(Instant expiresAt) {
		Map<String, Object> cached = Map.of("client_name", "cached");
		this.cache.put(URL, cached, now().plusSeconds(60));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.cache.put(URL, Map.of("client_name", "new"), expiresAt))
			.withMessageContaining("expiresAt");
		assertThat(this.cache.get(URL)).contains(cached);
	}

	@Test
	void putWhenExpiryIsTheLatestStorableThenGetReturnsTheDocument() {
		Map<String, Object> document = Map.of("client_name", "app");
		this.cache.put(URL, document, StoreLimits.MAX_EXPIRY);
		assertThat(this.cache.get(URL)).contains(document);
	}

	@ParameterizedTest
	@MethodSource("pastStorableExpiries")
	void putWhenExpiryIsStorableButPastThenGetIsEmpty(Instant expiresAt) {
		this.cache.put(URL, Map.of("client_name", "cached"), now().plusSeconds(60));
		this.cache.put(URL, Map.of("client_name", "app"), expiresAt);
		assertThat(this.cache.get(URL)).isEmpty();
	}

	static Stream<Instant> pastStorableExpiries() {
		return Stream.of(Instant.EPOCH, StoreLimits.MIN_EXPIRY);
	}

}
