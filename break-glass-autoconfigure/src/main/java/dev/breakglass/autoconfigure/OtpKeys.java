package dev.breakglass.autoconfigure;

import java.nio.charset.StandardCharsets;

import dev.breakglass.store.OtpHasher;
import dev.breakglass.store.StoreType;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.StringUtils;

/**
 * Makes the {@link OtpHasher} of a backend that keeps OTPs outside the JVM, from
 * {@code break-glass.secret}, which every node must share: there is no per-node key, so
 * without the secret start-up fails.
 */
final class OtpKeys {

	static final int MIN_SECRET_LENGTH = 16;

	private OtpKeys() {
	}

	static OtpHasher hasher(BreakGlassProperties properties, StoreType storeType) {
		String secret = properties.getSecret();
		if (!StringUtils.hasText(secret)) {
			throw new MissingOtpSecretException(storeType);
		}
		if (secret.length() < MIN_SECRET_LENGTH) {
			throw new InvalidConfigurationPropertyValueException("break-glass.secret", "(hidden)",
					"It must be at least " + MIN_SECRET_LENGTH + " characters long, the same on every node. "
							+ "Make one with: openssl rand -base64 32");
		}
		return new OtpHasher(secret.getBytes(StandardCharsets.UTF_8));
	}

}
