package dev.breakglass.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link RedisClientResendsException}: what the redis stores need of the
 * Lettuce client, and how to give up the guarantee by name.
 */
class RedisClientResendsFailureAnalyzer extends AbstractFailureAnalyzer<RedisClientResendsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, RedisClientResendsException cause) {
		return new FailureAnalysis(cause.getMessage() + ".",
				"Use Lettuce " + LettuceAtMostOnce.MINIMUM_VERSION + " or later (Spring Boot's dependency management "
						+ "gives it), and do not set ClientOptions.disconnectedBehavior in a customizer of your own: "
						+ "break-glass sets REJECT_COMMANDS. Or set " + LettuceAtMostOnce.PROPERTY
						+ "=false to accept that a consume resent after a lost reply answers \"not found\".",
				cause);
	}

}
