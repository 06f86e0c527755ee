package dev.breakglass.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.util.Assert;

/**
 * An authorization code (RFC 6749 4.1.2) as stored: keyed by a hash of the code, never
 * the code itself.
 *
 * @param codeHash hash of the code, computed by the caller (at most
 * {@value StoreLimits#MAX_CODE_HASH_LENGTH} characters)
 * @param data what the code grants, serialized by the caller (at most
 * {@value StoreLimits#MAX_CODE_DATA_LENGTH} characters)
 * @param expiresAt when the code stops being redeemable, to the millisecond (every
 * backend keeps that precision); checked by the caller
 */
public record AuthorizationCode(String codeHash, String data, Instant expiresAt) {

	public AuthorizationCode {
		StoreLimits.checkText(codeHash, "codeHash", StoreLimits.MAX_CODE_HASH_LENGTH);
		Assert.notNull(data, "data must not be null");
		StoreLimits.checkLength(data, "data", StoreLimits.MAX_CODE_DATA_LENGTH);
		Assert.notNull(expiresAt, "expiresAt must not be null");
		expiresAt = expiresAt.truncatedTo(ChronoUnit.MILLIS);
	}

	@Override
	public String toString() {
		return "AuthorizationCode[expiresAt=" + this.expiresAt + "]";
	}

}
