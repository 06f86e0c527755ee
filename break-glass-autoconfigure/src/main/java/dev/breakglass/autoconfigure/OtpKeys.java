package dev.breakglass.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.breakglass.store.OtpHasher;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.StringUtils;

/**
 * Makes the {@link OtpHasher} of a backend that keeps OTPs outside the JVM, from
 * {@code break-glass.secret}.
 */
final class OtpKeys {

	static final int MIN_SECRET_LENGTH = 16;

	private static final Log logger = LogFactory.getLog(OtpKeys.class);

	private OtpKeys() {
	}

	static OtpHasher hasher(BreakGlassProperties properties) {
		String secret = properties.getSecret();
		if (!StringUtils.hasText(secret)) {
			logger.warn("break-glass.secret is not set: OTPs are hashed with a random key of this node, so an OTP "
					+ "can only be verified on the node that generated it. Set break-glass.secret, the same on "
					+ "every node.");
			byte[] key = new byte[32];
			new SecureRandom().nextBytes(key);
			return new OtpHasher(key);
		}
		if (secret.length() < MIN_SECRET_LENGTH) {
			throw new InvalidConfigurationPropertyValueException("break-glass.secret", "(hidden)",
					"It must be at least " + MIN_SECRET_LENGTH + " characters long.");
		}
		return new OtpHasher(secret.getBytes(StandardCharsets.UTF_8));
	}

}
