package dev.breakglass.store;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A pending OTP as a backend keeps it: a digest of the code, when it expires, and who
 * asked for it and why. Holds the verification rule every backend applies, so that all
 * give the same answer.
 *
 * @param digest the digest of the code (never the code)
 * @param expiresAt when the OTP stops being valid
 * @param attribution who asked for it and why
 */
public record PendingOtp(String digest, Instant expiresAt, Attribution attribution) {

	/**
	 * How long an expired OTP is remembered, so that verifying it says
	 * {@link OtpVerification#EXPIRED} rather than {@link OtpVerification#NO_PENDING_OTP}.
	 */
	public static final Duration EXPIRED_RETENTION = Duration.ofHours(24);

	/**
	 * Decide a verification. Expiry is checked before the digests are compared.
	 * @param candidateDigest the digest of the code presented, or {@code null} when the
	 * code was malformed
	 * @param now the current time
	 * @return the outcome, with the attribution unless the OTP is forgotten
	 */
	public OtpVerificationResult verify(@Nullable String candidateDigest, Instant now) {
		if (!now.isBefore(this.expiresAt.plus(EXPIRED_RETENTION))) {
			return OtpVerificationResult.noPendingOtp();
		}
		if (!now.isBefore(this.expiresAt)) {
			return new OtpVerificationResult(OtpVerification.EXPIRED, this.attribution);
		}
		return new OtpVerificationResult(Secrets.constantTimeEquals(this.digest, candidateDigest)
				? OtpVerification.VALID : OtpVerification.INVALID, this.attribution);
	}

	@Override
	public String toString() {
		return "PendingOtp[expiresAt=" + this.expiresAt + ", attribution=" + this.attribution + "]";
	}

}
