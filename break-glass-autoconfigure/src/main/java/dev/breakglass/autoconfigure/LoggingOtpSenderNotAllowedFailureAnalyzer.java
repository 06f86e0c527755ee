package dev.breakglass.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link LoggingOtpSenderNotAllowedException}: why OTPs must not go to the log
 * of a shared deployment, and what to define instead.
 */
class LoggingOtpSenderNotAllowedFailureAnalyzer extends AbstractFailureAnalyzer<LoggingOtpSenderNotAllowedException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, LoggingOtpSenderNotAllowedException cause) {
		return new FailureAnalysis(
				cause.getMessage() + ". A secret in the log of a deployment that shares a "
						+ cause.getStoreType().name().toLowerCase()
						+ " backend reaches log aggregators and whoever reads them, who could then break the glass.",
				"Define a bean of type dev.breakglass.service." + cause.getSenderType()
						+ " that delivers it out of band (e-mail, SMS, a pager) to whoever should receive it. "
						+ "For development only, set break-glass.otp.log-otp=true to let the default sender "
						+ "write it to the log.",
				cause);
	}

}
