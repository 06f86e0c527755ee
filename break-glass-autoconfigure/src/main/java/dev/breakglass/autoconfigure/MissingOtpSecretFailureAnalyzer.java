package dev.breakglass.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link MissingOtpSecretException}: why a shared OTP store needs
 * {@code break-glass.secret}, and how to make one.
 */
class MissingOtpSecretFailureAnalyzer extends AbstractFailureAnalyzer<MissingOtpSecretException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingOtpSecretException cause) {
		String backend = cause.getStoreType().name().toLowerCase();
		return new FailureAnalysis("break-glass.secret is not set, but the OTP store is " + backend + ". The " + backend
				+ " backend keeps only a keyed hash of the pending OTP, and every node must "
				+ "hash with the same key, or an OTP requested through one node is rejected (and spent) on another.",
				"Set break-glass.secret (or the environment variable BREAK_GLASS_SECRET) to the same random value "
						+ "of at least " + OtpKeys.MIN_SECRET_LENGTH + " characters on every node, for example "
						+ "the output of: openssl rand -base64 32. Or, on a single node, set "
						+ "break-glass.otp.store=memory, which needs no secret.",
				cause);
	}

}
