package dev.breakglass.service;

import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * {@link OtpSender} that writes the OTP to the log at WARN, so that whoever can read the
 * log can break the glass. Meant for development and for a first try; replace it with a
 * sender of your own in production.
 */
public final class LoggingOtpSender implements OtpSender {

	private static final Log logger = LogFactory.getLog(LoggingOtpSender.class);

	@Override
	public void send(String otp, Instant expiresAt, BreakGlassRequest request) {
		logger.warn("Break-glass OTP " + otp + " (valid until " + expiresAt + ") requested by '" + request.requester()
				+ "' because '" + request.reason()
				+ "'. Define an OtpSender bean to deliver it out of band instead of logging it.");
	}

}
