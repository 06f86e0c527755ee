package dev.breakglass.service;

import java.time.Instant;

/**
 * Delivers a break-glass OTP out of band (e-mail, SMS, pager, a sealed envelope). Define
 * a bean of this type to replace the default, which writes the OTP to the log.
 */
@FunctionalInterface
public interface OtpSender {

	/**
	 * Deliver an OTP. An exception thrown here withdraws the OTP.
	 * @param otp the code
	 * @param expiresAt when it stops being valid
	 */
	void send(String otp, Instant expiresAt);

}
