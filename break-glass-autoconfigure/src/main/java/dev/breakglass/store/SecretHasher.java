package dev.breakglass.store;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.util.Assert;

/**
 * Keyed hash (HMAC-SHA-256) of secrets, as the jpa and redis backends keep them. An OTP
 * has so few possible values that an unkeyed hash is no protection: whoever reads the
 * database or Redis could try all 10^6 six-digit codes in well under a second. And a
 * session token kept as an unkeyed hash could be minted by whoever can write there: pick
 * a token, store its SHA-256. Without the key the stored hash tells nothing and cannot be
 * forged.
 * <p>
 * {@link #derive} makes the key of one use from the shared secret with HKDF (RFC 5869),
 * so that the key of one use tells nothing of another's.
 */
public final class SecretHasher {

	private static final String ALGORITHM = "HmacSHA256";

	private static final byte[] SALT = "dev.breakglass".getBytes(StandardCharsets.UTF_8);

	// A Mac per thread, initialised once: looking the algorithm up and initialising the
	// key cost more than hashing a code.
	private final ThreadLocal<Mac> mac;

	/**
	 * Create a hasher.
	 * @param key the key; the same on every node that shares the store
	 */
	public SecretHasher(byte[] key) {
		Assert.isTrue(key.length > 0, "key must not be empty");
		SecretKeySpec spec = new SecretKeySpec(key, ALGORITHM);
		this.mac = ThreadLocal.withInitial(() -> newMac(spec));
	}

	/**
	 * Create a hasher whose key is derived from a shared secret for one use: HKDF-SHA-256
	 * with a fixed salt and the label as info, 32 bytes long.
	 * @param secret the shared secret, the same on every node
	 * @param label names the use, for example {@code "break-glass otp v1"}
	 * @return the hasher
	 */
	public static SecretHasher derive(byte[] secret, String label) {
		Assert.hasText(label, "label must not be empty");
		byte[] key = hkdf(SALT, secret, label.getBytes(StandardCharsets.UTF_8));
		try {
			return new SecretHasher(key);
		}
		finally {
			Arrays.fill(key, (byte) 0);
		}
	}

	/**
	 * HKDF-SHA-256 (RFC 5869) of one output block: extract a pseudorandom key from the
	 * input keying material with the salt, then expand it with the info.
	 * @param salt the salt
	 * @param ikm the input keying material
	 * @param info the context and application specific information
	 * @return 32 bytes of output keying material
	 */
	static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info) {
		byte[] prk = newMac(new SecretKeySpec(salt, ALGORITHM)).doFinal(ikm);
		Mac expand = newMac(new SecretKeySpec(prk, ALGORITHM));
		Arrays.fill(prk, (byte) 0);
		expand.update(info);
		expand.update((byte) 1);
		return expand.doFinal();
	}

	/**
	 * Hash a secret.
	 * @param secret the secret
	 * @return its HMAC-SHA-256 as 64 lowercase hexadecimal characters
	 */
	public String hash(String secret) {
		// doFinal leaves the Mac reset and ready for the next secret under the same key
		return Secrets.hex(this.mac.get().doFinal(secret.getBytes(StandardCharsets.UTF_8)));
	}

	private static Mac newMac(SecretKeySpec key) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(key);
			return mac;
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HMAC-SHA-256 is not available", ex);
		}
	}

	@Override
	public String toString() {
		return "SecretHasher[HMAC-SHA-256]";
	}

}
