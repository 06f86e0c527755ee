package dev.breakglass.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The one place secrets are generated, recognised, hashed and compared. Random bytes come
 * from a {@link RandomBlock} per thread, so that threads never queue for one generator;
 * comparison takes constant time.
 */
public final class Secrets {

	// 32 bytes as URL-safe Base64 without padding
	private static final int SESSION_TOKEN_LENGTH = 43;

	// 32 bytes as hexadecimal
	private static final int ONE_TIME_TOKEN_LENGTH = 64;

	private static final ThreadLocal<RandomBlock> RANDOM = ThreadLocal.withInitial(RandomBlock::new);

	private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(Secrets::newSha256);

	private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

	// the value of each lowercase hexadecimal digit, -1 for every other ASCII character
	private static final byte[] HEX_VALUES = new byte[128];

	static {
		Arrays.fill(HEX_VALUES, (byte) -1);
		for (int i = 0; i < HEX_DIGITS.length; i++) {
			HEX_VALUES[HEX_DIGITS[i]] = (byte) i;
		}
	}

	private Secrets() {
	}

	/**
	 * Generate a session token.
	 * @return 32 random bytes as URL-safe Base64 without padding
	 */
	public static String newSessionToken() {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
	}

	/**
	 * Generate a one-time token.
	 * @return 32 random bytes as lowercase hexadecimal
	 */
	public static String newOneTimeToken() {
		return hex(randomBytes(32));
	}

	/**
	 * Generate an identifier that is unique across threads and nodes but guards nothing:
	 * drawn from the same per-thread generator as the secrets, so that threads never
	 * queue for {@code UUID.randomUUID()}'s shared one.
	 * @return 16 random bytes as lowercase hexadecimal
	 */
	public static String newUniqueId() {
		return hex(randomBytes(16));
	}

	/**
	 * Generate a numeric one-time password, every code equally likely.
	 * @param length how many digits ({@link StoreLimits#isOtpLength})
	 * @return the zero-padded code
	 */
	public static String newOtp(int length) {
		StoreLimits.checkOtpLength(length);
		long bound = (long) Math.pow(10, length);
		// one draw of 63 random bits, rejected above the largest multiple of the bound so
		// that every code is equally likely
		long limit = Long.MAX_VALUE - (Long.MAX_VALUE % bound);
		long value;
		do {
			value = RANDOM.get().nextLong() & Long.MAX_VALUE;
		}
		while (value >= limit);
		long code = value % bound;
		byte[] digits = new byte[length];
		for (int i = length - 1; i >= 0; i--) {
			digits[i] = (byte) ('0' + (code % 10));
			code /= 10;
		}
		return new String(digits, StandardCharsets.ISO_8859_1);
	}

	/**
	 * Whether a string has the shape of a session token.
	 * @param token the string
	 * @return whether it is 43 URL-safe Base64 characters
	 */
	public static boolean isSessionToken(String token) {
		if (token.length() != SESSION_TOKEN_LENGTH) {
			return false;
		}
		for (int i = 0; i < token.length(); i++) {
			if (!isBase64Url(token.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether a string has the shape of a one-time token.
	 * @param token the string
	 * @return whether it is 64 lowercase hexadecimal characters
	 * @throws IllegalArgumentException if the token is {@code null}
	 */
	public static boolean isOneTimeToken(String token) {
		Assert.notNull(token, "token must not be null");
		if (token.length() != ONE_TIME_TOKEN_LENGTH) {
			return false;
		}
		int invalid = 0;
		for (int i = 0; i < token.length(); i++) {
			invalid |= lowercaseHexValue(token.charAt(i));
		}
		return invalid >= 0;
	}

	/**
	 * Whether a string has the shape of an OTP.
	 * @param code the string
	 * @param length how many digits an OTP has
	 * @return whether it is that many ASCII digits
	 */
	public static boolean isOtp(String code, int length) {
		if (code.length() != length) {
			return false;
		}
		for (int i = 0; i < code.length(); i++) {
			char c = code.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	/**
	 * Hash a secret with SHA-256.
	 * @param secret the secret
	 * @return the hash as 64 lowercase hexadecimal characters
	 */
	public static String sha256(String secret) {
		return hex(SHA_256.get().digest(secret.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * Hash a secret for a digest that never leaves this JVM: the SHA-256 of its UTF-8
	 * bytes as a string of 32 Latin-1 characters, one per byte, with no hexadecimal to
	 * encode. The memory backend compares these; what is kept at rest is
	 * {@link #sha256(String)}.
	 * @param secret the secret
	 * @return the digest
	 */
	public static String sha256InMemory(String secret) {
		return new String(SHA_256.get().digest(secret.getBytes(StandardCharsets.UTF_8)), StandardCharsets.ISO_8859_1);
	}

	/**
	 * Hash a one-time token for a key that never leaves this JVM: SHA-256 of the 32 bytes
	 * the token encodes (one compression, where hashing its 64 characters takes two), as
	 * a {@link DigestKey} (no hexadecimal to encode, no string to hash in a map). The jpa
	 * and redis backends keep {@link #sha256(String)} of the token, the form at rest.
	 * @param token the token
	 * @return the hash, or {@code null} when the token does not have the shape of a
	 * one-time token
	 */
	public static @Nullable DigestKey oneTimeTokenKey(String token) {
		if (token.length() != ONE_TIME_TOKEN_LENGTH) {
			return null;
		}
		byte[] bytes = new byte[ONE_TIME_TOKEN_LENGTH / 2];
		int invalid = 0;
		for (int i = 0; i < bytes.length; i++) {
			int high = lowercaseHexValue(token.charAt(2 * i));
			int low = lowercaseHexValue(token.charAt(2 * i + 1));
			invalid |= high | low;
			bytes[i] = (byte) ((high << 4) | low);
		}
		return (invalid >= 0) ? oneTimeTokenKey(bytes) : null;
	}

	/**
	 * Generate a one-time token with its {@link #oneTimeTokenKey(String) key}, hashing
	 * the random bytes directly rather than decoding the token again.
	 * @return the token and its key
	 */
	public static KeyedToken newKeyedOneTimeToken() {
		byte[] bytes = randomBytes(32);
		return new KeyedToken(hex(bytes), oneTimeTokenKey(bytes));
	}

	private static DigestKey oneTimeTokenKey(byte[] bytes) {
		return new DigestKey(SHA_256.get().digest(bytes));
	}

	// A table lookup, not comparisons: the digits of a random token are random, so
	// branching on each one costs a mispredicted branch every other character.
	private static int lowercaseHexValue(char c) {
		return (c < HEX_VALUES.length) ? HEX_VALUES[c] : -1;
	}

	/**
	 * Compare two strings in time that does not depend on where they differ. Strings of
	 * different lengths are unequal at once: every secret and digest compared has a
	 * length fixed by its kind, so a length tells nothing.
	 * @param a one string
	 * @param b the other, or {@code null}, which equals nothing
	 * @return whether they are equal
	 */
	public static boolean constantTimeEquals(String a, @Nullable String b) {
		if (b == null || a.length() != b.length()) {
			return false;
		}
		int difference = 0;
		for (int i = 0; i < a.length(); i++) {
			difference |= a.charAt(i) ^ b.charAt(i);
		}
		return difference == 0;
	}

	private static byte[] randomBytes(int count) {
		byte[] bytes = new byte[count];
		RANDOM.get().next(bytes);
		return bytes;
	}

	// Lowercase hexadecimal as a Latin-1 string: one table lookup per digit and one copy,
	// where HexFormat appends character by character.
	static String hex(byte[] bytes) {
		byte[] digits = new byte[bytes.length * 2];
		for (int i = 0; i < bytes.length; i++) {
			digits[2 * i] = HEX_DIGITS[(bytes[i] >> 4) & 0xf];
			digits[2 * i + 1] = HEX_DIGITS[bytes[i] & 0xf];
		}
		return new String(digits, StandardCharsets.ISO_8859_1);
	}

	private static MessageDigest newSha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	private static boolean isBase64Url(int c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
	}

	/**
	 * A new one-time token and its {@link #oneTimeTokenKey(String) key}.
	 *
	 * @param token the token, for its holder
	 * @param key the key to keep it under
	 */
	public record KeyedToken(String token, DigestKey key) {

		@Override
		public String toString() {
			return "KeyedToken[token=<secret>, key=<hash>]";
		}

	}

}
