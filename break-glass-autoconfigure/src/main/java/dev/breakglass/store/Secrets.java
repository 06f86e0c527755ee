package dev.breakglass.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * The one place secrets are generated, recognised, hashed and compared. Generation uses
 * {@link SecureRandom}; comparison takes constant time.
 */
public final class Secrets {

	/**
	 * Length of a session token: 32 bytes as URL-safe Base64 without padding.
	 */
	public static final int SESSION_TOKEN_LENGTH = 43;

	/**
	 * Length of a one-time token: 32 bytes as hexadecimal.
	 */
	public static final int ONE_TIME_TOKEN_LENGTH = 64;

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final HexFormat HEX = HexFormat.of();

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
		return HEX.formatHex(randomBytes(32));
	}

	/**
	 * Generate a numeric one-time password, every code equally likely.
	 * @param length how many digits
	 * @return the zero-padded code
	 */
	public static String newOtp(int length) {
		long bound = (long) Math.pow(10, length);
		return String.format("%0" + length + "d", RANDOM.nextLong(bound));
	}

	/**
	 * Whether a string has the shape of a session token.
	 * @param token the string
	 * @return whether it is 43 URL-safe Base64 characters
	 */
	public static boolean isSessionToken(String token) {
		return token.length() == SESSION_TOKEN_LENGTH && token.chars().allMatch(Secrets::isBase64Url);
	}

	/**
	 * Whether a string has the shape of a one-time token.
	 * @param token the string
	 * @return whether it is 64 lowercase hexadecimal characters
	 */
	public static boolean isOneTimeToken(String token) {
		return token.length() == ONE_TIME_TOKEN_LENGTH
				&& token.chars().allMatch((c) -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
	}

	/**
	 * Whether a string has the shape of an OTP.
	 * @param code the string
	 * @param length how many digits an OTP has
	 * @return whether it is that many ASCII digits
	 */
	public static boolean isOtp(String code, int length) {
		return code.length() == length && code.chars().allMatch((c) -> c >= '0' && c <= '9');
	}

	/**
	 * Hash a secret with SHA-256.
	 * @param secret the secret
	 * @return the hash as 64 lowercase hexadecimal characters
	 */
	public static String sha256(String secret) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HEX.formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/**
	 * Compare two strings in time that does not depend on where they differ.
	 * @param a one string
	 * @param b the other, or {@code null}, which equals nothing
	 * @return whether they are equal
	 */
	public static boolean constantTimeEquals(String a, @Nullable String b) {
		if (b == null) {
			return false;
		}
		return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] randomBytes(int count) {
		byte[] bytes = new byte[count];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

	private static boolean isBase64Url(int c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
	}

}
