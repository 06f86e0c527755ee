package dev.breakglass.autoconfigure;

import dev.breakglass.store.StoreType;

/**
 * Thrown at start-up when the application defines no {@code OtpSender} (or, where
 * approval is required, no {@code BreakGlassApprovalSender}) and the OTP store is shared
 * (jpa or redis), where the default sender, which writes the secret to the log, is only
 * allowed with {@code break-glass.otp.log-otp=true}.
 */
final class LoggingOtpSenderNotAllowedException extends RuntimeException {

	private final StoreType storeType;

	private final String senderType;

	LoggingOtpSenderNotAllowedException(StoreType storeType) {
		this(storeType, "OtpSender", "OTPs");
	}

	/**
	 * Create an exception.
	 * @param storeType the OTP store's backend
	 * @param senderType the simple name of the sender interface
	 * @param secrets what the default sender would log
	 */
	LoggingOtpSenderNotAllowedException(StoreType storeType, String senderType, String secrets) {
		super("No " + senderType + " bean is defined, and the default one, which writes " + secrets
				+ " to the log, is not allowed on a " + storeType.name().toLowerCase() + " OTP store");
		this.storeType = storeType;
		this.senderType = senderType;
	}

	StoreType getStoreType() {
		return this.storeType;
	}

	String getSenderType() {
		return this.senderType;
	}

}
