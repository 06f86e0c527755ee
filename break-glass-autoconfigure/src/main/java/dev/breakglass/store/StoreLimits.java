package dev.breakglass.store;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * Input limits every backend enforces before it touches its storage, so that bad input
 * gets the same clear {@link IllegalArgumentException} everywhere and never reaches a
 * database driver. No message ever repeats the value it rejects.
 */
public final class StoreLimits {

	/**
	 * Longest authorization code hash accepted.
	 */
	public static final int MAX_CODE_HASH_LENGTH = 128;

	/**
	 * Longest authorization code data accepted.
	 */
	public static final int MAX_CODE_DATA_LENGTH = 65_536;

	/**
	 * Longest metadata URL accepted.
	 */
	public static final int MAX_URL_LENGTH = 2048;

	/**
	 * Longest metadata document accepted, as JSON.
	 */
	public static final int MAX_METADATA_JSON_LENGTH = 65_536;

	/**
	 * Longest one-time token subject accepted.
	 */
	public static final int MAX_SUBJECT_LENGTH = 255;

	/**
	 * Longest one-time token lifetime accepted.
	 */
	public static final Duration MAX_ONE_TIME_TOKEN_TTL = Duration.ofDays(366);

	private StoreLimits() {
	}

	/**
	 * Check that a value is non-blank text within a length.
	 * @param value the value
	 * @param name its name, for the message
	 * @param maxLength the longest accepted
	 * @return the value
	 */
	public static String checkText(String value, String name, int maxLength) {
		Assert.notNull(value, () -> name + " must not be null");
		Assert.isTrue(!value.isBlank(), () -> name + " must not be blank");
		return checkLength(value, name, maxLength);
	}

	/**
	 * Check that a value fits in a length and holds no NUL character (which PostgreSQL
	 * cannot store).
	 * @param value the value
	 * @param name its name, for the message
	 * @param maxLength the longest accepted
	 * @return the value
	 */
	public static String checkLength(String value, String name, int maxLength) {
		Assert.isTrue(value.length() <= maxLength,
				() -> name + " must be at most " + maxLength + " characters, but has " + value.length());
		Assert.isTrue(value.indexOf('\0') < 0, () -> name + " must not contain a NUL character");
		return value;
	}

	/**
	 * Whether a value passes {@link #checkText}, so that lookups of others can answer
	 * without asking the storage.
	 * @param value the value
	 * @param maxLength the longest accepted
	 * @return whether it could have been stored
	 */
	public static boolean isStorableText(String value, int maxLength) {
		return !value.isBlank() && value.length() <= maxLength && value.indexOf('\0') < 0;
	}

	/**
	 * Check a metadata URL: printable ASCII without spaces (RFC 3986 percent-encodes
	 * everything else), within {@link #MAX_URL_LENGTH}.
	 * @param url the URL
	 * @return the URL
	 */
	public static String checkUrl(String url) {
		checkText(url, "url", MAX_URL_LENGTH);
		Assert.isTrue(url.chars().allMatch((c) -> c > 0x20 && c < 0x7f),
				"url must be printable ASCII without spaces; percent-encode other characters");
		return url;
	}

	/**
	 * Whether a URL could have been stored, so that lookups of others can answer without
	 * asking the storage.
	 * @param url the URL
	 * @return whether it passes {@link #checkUrl}
	 */
	public static boolean isStorableUrl(String url) {
		return !url.isEmpty() && url.length() <= MAX_URL_LENGTH && url.chars().allMatch((c) -> c > 0x20 && c < 0x7f);
	}

	/**
	 * Check what a one-time token is issued for.
	 * @param subject whom it is for
	 * @param kind what it is for
	 * @param ttl how long it lives
	 */
	public static void checkOneTimeToken(String subject, TokenKind kind, Duration ttl) {
		checkText(subject, "subject", MAX_SUBJECT_LENGTH);
		Assert.notNull(kind, "kind must not be null");
		checkTtl(ttl);
	}

	/**
	 * Check a one-time token lifetime.
	 * @param ttl the lifetime
	 * @return the lifetime
	 */
	public static Duration checkTtl(Duration ttl) {
		Assert.notNull(ttl, "ttl must not be null");
		Assert.isTrue(ttl.compareTo(Duration.ZERO) > 0, () -> "ttl must be positive, but is " + ttl);
		Assert.isTrue(ttl.compareTo(MAX_ONE_TIME_TOKEN_TTL) <= 0,
				() -> "ttl must be at most " + MAX_ONE_TIME_TOKEN_TTL + ", but is " + ttl);
		return ttl;
	}

}
