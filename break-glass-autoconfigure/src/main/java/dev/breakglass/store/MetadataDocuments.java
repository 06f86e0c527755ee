package dev.breakglass.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Encodes metadata documents as JSON and decodes them into unmodifiable maps. Every
 * backend passes documents through here, so a document reads back the same whichever
 * backend stored it, and a caller can never change a cached copy.
 */
public final class MetadataDocuments {

	// deepest nesting of maps and lists accepted
	private static final int MAX_DEPTH = 32;

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private MetadataDocuments() {
	}

	/**
	 * Encode a document, checking that it is JSON-shaped and within the size limit.
	 * @param metadata the document
	 * @return its JSON
	 * @throws IllegalArgumentException if it cannot be written as JSON, holds a NUL
	 * character or is too large
	 */
	public static String encode(Map<String, Object> metadata) {
		Assert.notNull(metadata, "metadata must not be null");
		checkJsonValue(metadata, 0);
		String json;
		try {
			json = MAPPER.writeValueAsString(metadata);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("metadata cannot be written as JSON: " + ex.getOriginalMessage());
		}
		Assert.isTrue(!json.contains("\\u0000"), "metadata must not contain a NUL character");
		Assert.isTrue(json.length() <= StoreLimits.MAX_METADATA_JSON_LENGTH, () -> "metadata must be at most "
				+ StoreLimits.MAX_METADATA_JSON_LENGTH + " characters as JSON, but has " + json.length());
		return json;
	}

	private static void checkJsonValue(@Nullable Object value, int depth) {
		Assert.isTrue(depth <= MAX_DEPTH, () -> "metadata must not nest deeper than " + MAX_DEPTH + " levels");
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, item) -> {
				Assert.isTrue(key instanceof String, "metadata map keys must be strings");
				checkJsonValue(item, depth + 1);
			});
		}
		else if (value instanceof List<?> list) {
			list.forEach((item) -> checkJsonValue(item, depth + 1));
		}
		else if (value != null) {
			Class<?> type = value.getClass();
			Assert.isTrue(value instanceof String || value instanceof Number || value instanceof Boolean,
					() -> "metadata values must be strings, numbers, booleans, nulls, lists or maps, but one is a "
							+ type.getName());
		}
	}

	/**
	 * Decode a document written by {@link #encode}.
	 * @param json the JSON
	 * @return the document, unmodifiable all the way down
	 * @throws IllegalArgumentException if the JSON is not an object
	 */
	public static Map<String, Object> decode(String json) {
		Map<String, Object> document;
		try {
			document = MAPPER.readValue(json, MAP);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("metadata is not a JSON object");
		}
		Assert.isTrue(document != null, "metadata is not a JSON object");
		return freeze(document);
	}

	@SuppressWarnings("unchecked")
	private static <T> T freeze(T value) {
		if (value instanceof Map<?, ?> map) {
			Map<Object, Object> copy = new LinkedHashMap<>();
			map.forEach((key, item) -> copy.put(key, freeze(item)));
			return (T) Collections.unmodifiableMap(copy);
		}
		if (value instanceof List<?> list) {
			List<Object> copy = new ArrayList<>(list.size());
			list.forEach((item) -> copy.add(freeze(item)));
			return (T) Collections.unmodifiableList(copy);
		}
		return value;
	}

}
