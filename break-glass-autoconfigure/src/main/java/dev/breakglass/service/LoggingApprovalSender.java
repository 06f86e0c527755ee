package dev.breakglass.service;

import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * {@link BreakGlassApprovalSender} that writes the approval token to the log at WARN, so
 * that whoever can read the log can approve. For development only, under the same rule as
 * {@link LoggingOtpSender}.
 */
public final class LoggingApprovalSender implements BreakGlassApprovalSender {

	private static final Log logger = LogFactory.getLog(LoggingApprovalSender.class);

	@Override
	public void send(String approvalToken, Instant expiresAt, BreakGlassRequest request) {
		logger.warn("Break-glass approval token " + approvalToken + " (valid until " + expiresAt + ") for '"
				+ request.requester() + "' because '" + request.reason()
				+ "'. Define a BreakGlassApprovalSender bean to deliver it to approvers instead of logging it.");
	}

}
