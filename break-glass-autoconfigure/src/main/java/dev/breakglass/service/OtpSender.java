package dev.breakglass.service;

import java.time.Instant;

/**
 * Delivers a break-glass OTP out of band (e-mail, SMS, pager, a sealed envelope). Define
 * a bean of this type to replace the default, which writes the OTP to the log. The sender
 * sees who asks and why, so it can route the OTP to an approver instead of the requester:
 * the approver reads the code to the requester only if they agree (two-person control).
 */
@FunctionalInterface
public interface OtpSender {

	/**
	 * Deliver an OTP. An exception thrown here withdraws the OTP.
	 * @param otp the code
	 * @param expiresAt when it stops being valid
	 * @param request who asked for it and why
	 */
	void send(String otp, Instant expiresAt, BreakGlassRequest request);

}
