package dev.breakglass.store;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.util.Assert;

/**
 * Keyed hash (HMAC-SHA-256) of OTPs, as the jpa and redis backends keep them. An OTP has
 * so few possible values that an unkeyed hash is no protection: whoever reads the
 * database or Redis could try all 10^6 six-digit codes in well under a second. Without
 * the key, the stored hash tells them nothing.
 */
public final class OtpHasher {

	private static final String ALGORITHM = "HmacSHA256";

	// A Mac per thread, initialised once: looking the algorithm up and initialising the
	// key cost more than hashing a code.
	private final ThreadLocal<Mac> mac;

	/**
	 * Create a hasher.
	 * @param key the key; the same on every node that shares the store
	 */
	public OtpHasher(byte[] key) {
		Assert.isTrue(key.length > 0, "key must not be empty");
		SecretKeySpec spec = new SecretKeySpec(key, ALGORITHM);
		this.mac = ThreadLocal.withInitial(() -> newMac(spec));
	}

	/**
	 * Hash a code.
	 * @param code the code
	 * @return its HMAC-SHA-256 as 64 lowercase hexadecimal characters
	 */
	public String hash(String code) {
		// doFinal leaves the Mac reset and ready for the next code under the same key
		return Secrets.hex(this.mac.get().doFinal(code.getBytes(StandardCharsets.UTF_8)));
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
		return "OtpHasher[HMAC-SHA-256]";
	}

}
