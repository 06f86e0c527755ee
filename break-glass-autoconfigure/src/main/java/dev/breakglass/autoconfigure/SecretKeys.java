package dev.breakglass.autoconfigure;

import java.util.Arrays;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

import dev.breakglass.store.AuditChain;
import dev.breakglass.store.BreakGlassStore;
import dev.breakglass.store.SecretHasher;
import dev.breakglass.store.StoreType;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.StringUtils;

/**
 * Makes the {@link SecretHasher} of each store that keeps secrets outside the JVM, from
 * {@code break-glass.secret}, which every node must share: there is no per-node key, so
 * without the secret start-up fails. The secret is at least {@value #MIN_SECRET_BYTES}
 * bytes of randomness, Base64-encoded; each use gets a key of its own, derived with HKDF
 * under a label, so that a key of one use tells nothing of another's.
 */
final class SecretKeys {

	static final String PROPERTY = "break-glass.secret";

	static final int MIN_SECRET_BYTES = 32;

	/**
	 * Fewer distinct byte values than this among the decoded bytes is not randomness: 32
	 * random bytes have about 30, and fewer than 16 has a chance below 10^-20.
	 */
	static final int MIN_DISTINCT_BYTES = 16;

	static final String OTP_LABEL = "break-glass otp v1";

	static final String SESSION_TOKEN_LABEL = "break-glass session-token v1";

	static final String AUDIT_TRAIL_LABEL = "break-glass audit-trail v1";

	private static final String MAKE_ONE = "Make one with: openssl rand -base64 32, and set it on every node, "
			+ "for example through the environment variable BREAK_GLASS_SECRET.";

	private SecretKeys() {
	}

	static SecretHasher otp(BreakGlassProperties properties, StoreType storeType) {
		return hasher(properties, BreakGlassStore.OTP, storeType, OTP_LABEL);
	}

	static SecretHasher sessionToken(BreakGlassProperties properties, StoreType storeType) {
		return hasher(properties, BreakGlassStore.SESSION_TOKEN, storeType, SESSION_TOKEN_LABEL);
	}

	static AuditChain auditTrail(BreakGlassProperties properties, StoreType storeType) {
		return new AuditChain(hasher(properties, BreakGlassStore.AUDIT_TRAIL, storeType, AUDIT_TRAIL_LABEL));
	}

	private static SecretHasher hasher(BreakGlassProperties properties, BreakGlassStore store, StoreType storeType,
			String label) {
		String secret = properties.getSecret();
		if (!StringUtils.hasText(secret)) {
			throw new MissingSecretException(store, storeType);
		}
		byte[] decoded = decode(secret.strip());
		if (decoded == null) {
			throw new InvalidConfigurationPropertyValueException(PROPERTY, "(hidden)",
					"It is not Base64: it must be Base64 of at least " + MIN_SECRET_BYTES + " random bytes. "
							+ MAKE_ONE);
		}
		try {
			String weakness = weakness(decoded);
			if (weakness != null) {
				// never the value: it is the key, or close to it
				throw new InvalidConfigurationPropertyValueException(PROPERTY, "(hidden)", weakness + " " + MAKE_ONE);
			}
			return SecretHasher.derive(decoded, label);
		}
		finally {
			Arrays.fill(decoded, (byte) 0);
		}
	}

	private static byte @Nullable [] decode(String secret) {
		try {
			return Base64.getDecoder().decode(secret);
		}
		catch (IllegalArgumentException notStandard) {
			try {
				return Base64.getUrlDecoder().decode(secret);
			}
			catch (IllegalArgumentException notUrlSafe) {
				return null;
			}
		}
	}

	/**
	 * Tell what makes a secret too weak, if anything.
	 * @param decoded the secret, Base64-decoded when it is Base64
	 * @return why it is too weak, or {@code null} when it is strong enough
	 */
	static @Nullable String weakness(byte[] decoded) {
		if (decoded.length < MIN_SECRET_BYTES) {
			return "It must be Base64 of at least " + MIN_SECRET_BYTES + " random bytes.";
		}
		boolean[] seen = new boolean[256];
		int distinct = 0;
		for (byte b : decoded) {
			if (!seen[b & 0xff]) {
				seen[b & 0xff] = true;
				distinct++;
			}
		}
		if (distinct < MIN_DISTINCT_BYTES) {
			return "It is Base64 of " + decoded.length + " bytes, but of only " + distinct
					+ " distinct values: that is not randomness.";
		}
		return null;
	}

}
