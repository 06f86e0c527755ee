package dev.breakglass.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

/**
 * Encodes metadata documents as JSON and decodes them into unmodifiable maps. Every
 * backend passes documents through here, so a document reads back the same whichever
 * backend stored it, and a caller can never change a cached copy.
 */
public final class MetadataDocuments {

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

	/**
	 * Decode a document written by {@link #encode}.
	 * @param json the JSON
	 * @return the document, unmodifiable all the way down
	 */
	public static Map<String, Object> decode(String json) {
		return freeze(MAPPER.readValue(json, MAP));
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
