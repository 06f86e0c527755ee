package dev.breakglass.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link MissingSecretException}: why a shared OTP or session token store
 * needs {@code break-glass.secret}, and how to make one.
 */
class MissingSecretFailureAnalyzer extends AbstractFailureAnalyzer<MissingSecretException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingSecretException cause) {
		String backend = cause.getStoreType().name().toLowerCase();
		String store = cause.getStore().description();
		return new FailureAnalysis("break-glass.secret is not set, but the " + store + " is " + backend + ". The "
				+ backend + " backend keeps only a keyed hash of each secret, so that whoever reads the " + backend
				+ " server cannot recover an OTP and whoever writes there cannot mint a session token; "
				+ "every node must hash with the same key, or a secret issued through one node is rejected (and "
				+ "spent) on another.",
				"Set break-glass.secret (or the environment variable BREAK_GLASS_SECRET) to the same random value "
						+ "of at least " + SecretKeys.MIN_SECRET_BYTES + " bytes, Base64-encoded, on every node: "
						+ "the output of openssl rand -base64 32. Or, on a single node, set "
						+ cause.getStore().property() + "=memory, which needs no secret.",
				cause);
	}

}
