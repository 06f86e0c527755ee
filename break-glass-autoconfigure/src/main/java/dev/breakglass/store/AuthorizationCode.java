package dev.breakglass.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * An authorization code (RFC 6749 4.1.2) as stored: keyed by a hash of the code, never
 * the code itself.
 *
 * @param codeHash hash of the code, computed by the caller (at most
 * {@value StoreLimits#MAX_CODE_HASH_LENGTH} characters)
 * @param data what the code grants, serialized by the caller (at most
 * {@value StoreLimits#MAX_CODE_DATA_LENGTH} characters)
 * @param expiresAt when the code stops being redeemable, to the millisecond (every
 * backend keeps that precision), within {@link StoreLimits#isStorableExpiry}; checked by
 * the caller
 */
public record AuthorizationCode(String codeHash, String data, Instant expiresAt) {

	public AuthorizationCode {
		StoreLimits.checkText(codeHash, "codeHash", StoreLimits.MAX_CODE_HASH_LENGTH);
		StoreLimits.checkLength(data, "data", StoreLimits.MAX_CODE_DATA_LENGTH);
		expiresAt = StoreLimits.checkExpiry(expiresAt).truncatedTo(ChronoUnit.MILLIS);
	}

	@Override
	public String toString() {
		return "AuthorizationCode[expiresAt=" + this.expiresAt + "]";
	}

}
