package dev.breakglass.store.redis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.breakglass.store.Attribution;

/**
 * Writes the values the redis backend stores and reads them back strictly: the one place
 * that decides their format. A value is the version tag {@code v1} followed by
 * length-prefixed text fields:
 *
 * <pre>
 * value = "v1" *( ";" field )
 * field = length ":" text      ; length: how many UTF-16 chars the text has, in decimal
 * </pre>
 *
 * For example {@code v1;64:9f86d081...;13:1767225600000}. The length prefix lets a field
 * hold any character, {@code ;} and line breaks included, without escaping, and makes the
 * encoding of a value's leading fields an unambiguous prefix of the value, which a Lua
 * script can compare ({@link #prefix}). Reading accepts exactly {@code v1} with exactly
 * the expected number of fields and nothing after them; anything else throws
 * {@link InvalidRedisValueException}, so an unreadable value is never taken for a valid
 * one. A later format gets a new version tag.
 * <p>
 * The tombstone of a redeemed authorization code is the same format under its own tag,
 * {@value #TOMBSTONE} ("redeemed"; {@value #TOMBSTONE_WITH_REQUEST_ID}, which an earlier
 * version wrote with a request id first, is still read), and so was the marker earlier
 * versions left in place of a consumed secret, {@value #SPENT}, so that a Lua script
 * tells them from a live secret by their first three characters, and code that only reads
 * {@code v1} values never mistakes one for a secret.
 */
final class RedisValueCodec {

	static final String VERSION = "v1";

	/**
	 * Tag of a redeemed authorization code's tombstone: the code's fields and when it was
	 * redeemed.
	 */
	static final String TOMBSTONE = "r1";

	/**
	 * Tag of the tombstone an earlier version wrote: the request id of the redemption,
	 * then the fields of a {@link #TOMBSTONE}. Still read, never written.
	 */
	static final String TOMBSTONE_WITH_REQUEST_ID = "r2";

	/**
	 * Tag of an audit record: one field, the record as
	 * {@link dev.breakglass.store.AuditChain#encode(dev.breakglass.store.AuditRecord)}
	 * writes it.
	 */
	static final String AUDIT_RECORD = "a1";

	/**
	 * Tag of the marker earlier versions left for two minutes in place of a consumed
	 * secret, so that a resent consume could tell. Never written; a store that reads one
	 * treats it as no value.
	 */
	static final String SPENT = "s1";

	/**
	 * What a {@link #SPENT} marker starts with.
	 */
	static final String SPENT_TAG = SPENT + ";";

	/**
	 * The field after the reason of a drill's OTP or session token.
	 */
	static final String DRILL = "drill";

	private static final int MAX_LENGTH_DIGITS = 9;

	private RedisValueCodec() {
	}

	/**
	 * Encode fields as a value.
	 * @param fields the fields, in order
	 * @return the value
	 */
	static String encode(String... fields) {
		return encodeTagged(VERSION, fields);
	}

	/**
	 * Encode fields as a value under a tag.
	 * @param tag the tag, e.g. {@link #TOMBSTONE}
	 * @param fields the fields, in order
	 * @return the value
	 */
	static String encodeTagged(String tag, String... fields) {
		StringBuilder value = new StringBuilder(tag);
		for (String field : fields) {
			value.append(appendedField(field));
		}
		return value.toString();
	}

	/**
	 * One more field, as it is appended to a value's encoding.
	 * @param field the field
	 * @return its encoding
	 */
	static String appendedField(String field) {
		return ";" + field.length() + ":" + field;
	}

	/**
	 * The text every value that starts with these fields starts with, and no other value.
	 * @param leadingFields the leading fields, in order
	 * @return the prefix
	 */
	static String prefix(String... leadingFields) {
		return encode(leadingFields) + ';';
	}

	/**
	 * Decode a value.
	 * @param value the value
	 * @param fieldCount how many fields it must have
	 * @return its fields, in order
	 * @throws InvalidRedisValueException if it is not a {@code v1} value of that many
	 * fields
	 */
	static List<String> decode(String value, int fieldCount) {
		return decode(VERSION, value, fieldCount);
	}

	/**
	 * Decode a value written under a tag.
	 * @param tag the tag it must have, e.g. {@link #VERSION} or {@link #TOMBSTONE}
	 * @param value the value
	 * @param fieldCount how many fields it must have
	 * @return its fields, in order
	 * @throws InvalidRedisValueException if it is not a value of that tag and that many
	 * fields
	 */
	static List<String> decode(String tag, String value, int fieldCount) {
		return decode(tag, value, fieldCount, fieldCount);
	}

	/**
	 * Decode a {@code v1} value that ends with an {@link #attributionFields attribution}.
	 * @param value the value
	 * @param leadingFields how many fields come before the attribution
	 * @return its fields, in order: the leading ones, then the attribution's two or three
	 * @throws InvalidRedisValueException if it is not such a value
	 */
	static List<String> decodeAttributed(String value, int leadingFields) {
		List<String> fields = decode(VERSION, value, leadingFields + 2, leadingFields + 3);
		if (fields.size() > leadingFields + 2 && !DRILL.equals(fields.get(leadingFields + 2))) {
			throw invalid(VERSION, "has a field after the reason that is not the drill flag");
		}
		return fields;
	}

	private static List<String> decode(String tag, String value, int minFields, int fieldCount) {
		if (!value.startsWith(tag) || (value.length() > tag.length() && value.charAt(tag.length()) != ';')) {
			throw new InvalidRedisValueException("value is not in break-glass's " + tag + " format");
		}
		List<String> fields = new ArrayList<>(fieldCount);
		int position = tag.length();
		for (int i = 0; i < fieldCount; i++) {
			if (i >= minFields && position == value.length()) {
				break;
			}
			if (position >= value.length() || value.charAt(position) != ';') {
				throw invalid(tag, "has " + i + " fields instead of " + fieldCount);
			}
			int colon = value.indexOf(':', position + 1);
			if (colon < 0 || colon == position + 1 || colon - position - 1 > MAX_LENGTH_DIGITS
					|| !isDigits(value, position + 1, colon)) {
				throw invalid(tag, "has a field without a valid length");
			}
			int length = Integer.parseInt(value, position + 1, colon, 10);
			int end = colon + 1 + length;
			if (end > value.length()) {
				throw invalid(tag, "has a field longer than the value");
			}
			fields.add(value.substring(colon + 1, end));
			position = end;
		}
		if (position != value.length()) {
			throw invalid(tag, "has more than " + fieldCount + " fields");
		}
		return fields;
	}

	/**
	 * Join fields.
	 * @param first the first fields
	 * @param then the fields after them
	 * @return all of them, in order
	 */
	static String[] concat(String[] first, String[] then) {
		String[] all = Arrays.copyOf(first, first.length + then.length);
		System.arraycopy(then, 0, all, first.length, then.length);
		return all;
	}

	/**
	 * Encode an instant, to the millisecond.
	 * @param millis milliseconds since the epoch
	 * @return the field
	 */
	static String encodeMillis(long millis) {
		return Long.toString(millis);
	}

	/**
	 * Decode an instant written by {@link #encodeMillis}.
	 * @param field the field
	 * @return milliseconds since the epoch
	 * @throws InvalidRedisValueException if the field is not a decimal integer
	 */
	static long decodeMillis(String field) {
		try {
			int start = field.startsWith("-") ? 1 : 0;
			if (field.length() == start || !isDigits(field, start, field.length())) {
				throw new NumberFormatException();
			}
			return Long.parseLong(field);
		}
		catch (NumberFormatException ex) {
			throw invalid(VERSION, "has a time that is not a number of milliseconds");
		}
	}

	/**
	 * The fields of who asked and why, as stored after a secret: the requester, the
	 * reason and, for a drill only, {@value #DRILL}, so that a value that is no drill
	 * reads as it did before drills.
	 * @param attribution the attribution
	 * @return the fields
	 */
	static String[] attributionFields(Attribution attribution) {
		return attribution.drill() ? new String[] { attribution.requester(), attribution.reason(), DRILL }
				: new String[] { attribution.requester(), attribution.reason() };
	}

	/**
	 * Decode who asked and why, as {@link #attributionFields} wrote them after the
	 * leading fields.
	 * @param fields the value's fields
	 * @param from the index of the requester
	 * @return the attribution
	 * @throws InvalidRedisValueException if they break its rules
	 */
	static Attribution attribution(List<String> fields, int from) {
		// decodeAttributed checked the flag
		boolean drill = fields.size() > from + 2;
		try {
			return new Attribution(fields.get(from), fields.get(from + 1), drill);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(VERSION, "has a requester or reason break-glass would not have written");
		}
	}

	private static boolean isDigits(String text, int from, int to) {
		for (int i = from; i < to; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	private static InvalidRedisValueException invalid(String tag, String problem) {
		return new InvalidRedisValueException(tag + " value " + problem);
	}

}
