package dev.breakglass.store;

import java.time.Duration;
import java.time.Instant;

import org.springframework.util.Assert;

/**
 * The one home of the input limits: every store constructor, every value record and the
 * configuration properties check their input here, before anything touches storage, so
 * that bad input gets the same clear {@link IllegalArgumentException} on every backend
 * and never reaches a database driver. Each {@code check*} method is its {@code is*}
 * predicate plus a message; no message repeats the value it rejects.
 */
public final class StoreLimits {

	/**
	 * Longest authorization code hash accepted (the width of its jpa column).
	 */
	public static final int MAX_CODE_HASH_LENGTH = 128;

	/**
	 * Longest authorization code data accepted.
	 */
	public static final int MAX_CODE_DATA_LENGTH = 65_536;

	/**
	 * Longest metadata URL accepted (the width of its jpa column).
	 */
	public static final int MAX_URL_LENGTH = 2048;

	/**
	 * Longest metadata document accepted, as JSON.
	 */
	public static final int MAX_METADATA_JSON_LENGTH = 65_536;

	/**
	 * Longest one-time token subject accepted (the width of its jpa column).
	 */
	public static final int MAX_SUBJECT_LENGTH = 255;

	/**
	 * Longest lifetime accepted for an OTP, a session token or a one-time token.
	 */
	public static final Duration MAX_TTL = Duration.ofDays(366);

	/**
	 * Fewest digits an OTP may have.
	 */
	public static final int MIN_OTP_LENGTH = 6;

	/**
	 * Most digits an OTP may have.
	 */
	public static final int MAX_OTP_LENGTH = 10;

	/**
	 * Earliest expiry accepted: the first millisecond of the year 1.
	 */
	public static final Instant MIN_EXPIRY = Instant.parse("0001-01-01T00:00:00Z");

	/**
	 * Latest expiry accepted: the last millisecond of the year 9999.
	 */
	public static final Instant MAX_EXPIRY = Instant.parse("9999-12-31T23:59:59.999Z");

	private StoreLimits() {
	}

	/**
	 * Whether a value fits in a length and holds no NUL character (which PostgreSQL
	 * cannot store).
	 * @param value the value
	 * @param maxLength the longest accepted
	 * @return whether every backend can store it
	 */
	public static boolean isStorableLength(String value, int maxLength) {
		return value.length() <= maxLength && value.indexOf('\0') < 0;
	}

	/**
	 * Check a value with {@link #isStorableLength}.
	 * @param value the value
	 * @param name its name, for the message
	 * @param maxLength the longest accepted
	 * @return the value
	 */
	public static String checkLength(String value, String name, int maxLength) {
		Assert.notNull(value, () -> name + " must not be null");
		Assert.isTrue(isStorableLength(value, maxLength),
				() -> name + " must be at most " + maxLength + " characters without a NUL character");
		return value;
	}

	/**
	 * Whether a value is non-blank and passes {@link #isStorableLength}, so that a lookup
	 * of anything else can answer without asking the storage.
	 * @param value the value
	 * @param maxLength the longest accepted
	 * @return whether it could have been stored
	 */
	public static boolean isStorableText(String value, int maxLength) {
		return !value.isBlank() && isStorableLength(value, maxLength);
	}

	/**
	 * Check a value with {@link #isStorableText}.
	 * @param value the value
	 * @param name its name, for the message
	 * @param maxLength the longest accepted
	 * @return the value
	 */
	public static String checkText(String value, String name, int maxLength) {
		Assert.notNull(value, () -> name + " must not be null");
		Assert.isTrue(isStorableText(value, maxLength),
				() -> name + " must be non-blank, at most " + maxLength + " characters without a NUL character");
		return value;
	}

	/**
	 * Whether a metadata URL is printable ASCII without spaces (RFC 3986 percent-encodes
	 * everything else), within {@link #MAX_URL_LENGTH}, so that a lookup of anything else
	 * can answer without asking the storage.
	 * @param url the URL
	 * @return whether it could have been stored
	 * @throws IllegalArgumentException if the URL is {@code null}
	 */
	public static boolean isStorableUrl(String url) {
		Assert.notNull(url, "url must not be null");
		return !url.isEmpty() && url.length() <= MAX_URL_LENGTH && url.chars().allMatch((c) -> c > 0x20 && c < 0x7f);
	}

	/**
	 * Check a metadata URL with {@link #isStorableUrl}.
	 * @param url the URL
	 * @return the URL
	 */
	public static String checkUrl(String url) {
		Assert.isTrue(isStorableUrl(url), () -> "url must be at most " + MAX_URL_LENGTH
				+ " characters of printable ASCII without spaces; percent-encode other characters");
		return url;
	}

	/**
	 * Whether a lifetime is positive and at most {@link #MAX_TTL}.
	 * @param ttl the lifetime
	 * @return whether it is accepted
	 */
	public static boolean isTtl(Duration ttl) {
		return ttl.compareTo(Duration.ZERO) > 0 && ttl.compareTo(MAX_TTL) <= 0;
	}

	/**
	 * Check a lifetime with {@link #isTtl}.
	 * @param ttl the lifetime
	 * @return the lifetime
	 */
	public static Duration checkTtl(Duration ttl) {
		Assert.notNull(ttl, "ttl must not be null");
		Assert.isTrue(isTtl(ttl), () -> "ttl must be positive and at most " + MAX_TTL + ", but is " + ttl);
		return ttl;
	}

	/**
	 * Whether an expiry lies from {@link #MIN_EXPIRY} to {@link #MAX_EXPIRY}: what a
	 * PostgreSQL {@code timestamptz}, a JDBC driver and a Redis millisecond count all
	 * hold, so that every backend stores the same expiries.
	 * @param expiresAt the expiry
	 * @return whether every backend can store it
	 */
	public static boolean isStorableExpiry(Instant expiresAt) {
		return !expiresAt.isBefore(MIN_EXPIRY) && !expiresAt.isAfter(MAX_EXPIRY);
	}

	/**
	 * Check an expiry with {@link #isStorableExpiry}.
	 * @param expiresAt the expiry
	 * @return the expiry
	 */
	public static Instant checkExpiry(Instant expiresAt) {
		Assert.notNull(expiresAt, "expiresAt must not be null");
		Assert.isTrue(isStorableExpiry(expiresAt),
				() -> "expiresAt must be from " + MIN_EXPIRY + " to " + MAX_EXPIRY + ", but is " + expiresAt);
		return expiresAt;
	}

	/**
	 * Whether an OTP length lies from {@link #MIN_OTP_LENGTH} to {@link #MAX_OTP_LENGTH}
	 * digits.
	 * @param length the number of digits
	 * @return whether it is accepted
	 */
	public static boolean isOtpLength(int length) {
		return length >= MIN_OTP_LENGTH && length <= MAX_OTP_LENGTH;
	}

	/**
	 * Check an OTP length with {@link #isOtpLength}.
	 * @param length the number of digits
	 * @return the length
	 */
	public static int checkOtpLength(int length) {
		Assert.isTrue(isOtpLength(length),
				() -> "length must be from " + MIN_OTP_LENGTH + " to " + MAX_OTP_LENGTH + ", but is " + length);
		return length;
	}

	/**
	 * Whether an authorization code hash passes {@link #isStorableText}, so that a take
	 * of anything else can answer without asking the storage.
	 * @param codeHash the hash
	 * @return whether it could have been stored
	 * @throws IllegalArgumentException if the hash is {@code null}
	 */
	public static boolean isStorableCodeHash(String codeHash) {
		Assert.notNull(codeHash, "codeHash must not be null");
		return isStorableText(codeHash, MAX_CODE_HASH_LENGTH);
	}

	/**
	 * Check what a metadata document is put under and until when.
	 * @param url where the document was found ({@link #checkUrl})
	 * @param expiresAt when it stops being served ({@link #checkExpiry})
	 */
	public static void checkMetadata(String url, Instant expiresAt) {
		checkUrl(url);
		checkExpiry(expiresAt);
	}

	/**
	 * Whether a one-time token presented for a kind has the shape of one
	 * ({@link Secrets#isOneTimeToken}), so that a consume of anything else can answer
	 * without asking the storage.
	 * @param token the token presented
	 * @param expectedKind the kind it is presented for
	 * @return whether it could have been issued
	 * @throws IllegalArgumentException if either is {@code null}
	 */
	public static boolean isConsumableToken(String token, TokenKind expectedKind) {
		Assert.notNull(expectedKind, "expectedKind must not be null");
		return Secrets.isOneTimeToken(token);
	}

	/**
	 * Check what a one-time token is issued for.
	 * @param subject whom it is for
	 * @param kind what it is for
	 * @param ttl how long it lives
	 */
	public static void checkOneTimeToken(String subject, TokenKind kind, Duration ttl) {
		Attribution.checkText(subject, "subject", MAX_SUBJECT_LENGTH);
		Assert.notNull(kind, "kind must not be null");
		checkTtl(ttl);
	}

}
