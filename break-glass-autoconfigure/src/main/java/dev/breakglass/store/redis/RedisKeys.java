package dev.breakglass.store.redis;

import dev.breakglass.store.Secrets;
import org.springframework.util.Assert;

/**
 * Names the keys of the redis backend: the one place that decides them. Every key starts
 * with the configured prefix; a key that identifies a secret or URL holds its SHA-256,
 * never the secret itself.
 */
final class RedisKeys {

	private final String prefix;

	RedisKeys(String prefix) {
		Assert.hasText(prefix, "keyPrefix must not be empty");
		this.prefix = prefix;
	}

	String sessionToken() {
		return this.prefix + "session-token";
	}

	String auditTrail() {
		return this.prefix + "audit";
	}

	String otp(String owner) {
		return owner.isEmpty() ? this.prefix + "otp" : this.prefix + "otp:" + Secrets.sha256(owner);
	}

	String otpPattern() {
		return this.prefix + "otp:*";
	}

	String authorizationCode(String codeHash) {
		return this.prefix + "code:" + Secrets.sha256(codeHash);
	}

	String oneTimeToken(String token) {
		return this.prefix + "ott:" + Secrets.sha256(token);
	}

	String attemptCounter(String counter) {
		return this.prefix + "attempts:" + Secrets.sha256(counter);
	}

	String metadata(String url) {
		return this.prefix + "metadata:" + Secrets.sha256(url);
	}

}
