package dev.breakglass.autoconfigure;

import dev.breakglass.store.StoreType;

/**
 * Thrown at start-up when the application defines no {@code OtpSender} and the OTP store
 * is shared (jpa or redis), where the default sender, which writes OTPs to the log, is
 * only allowed with {@code break-glass.otp.log-otp=true}.
 */
final class LoggingOtpSenderNotAllowedException extends RuntimeException {

	private final StoreType storeType;

	LoggingOtpSenderNotAllowedException(StoreType storeType) {
		super("No OtpSender bean is defined, and the default one, which writes OTPs to the log, is not allowed "
				+ "on a " + storeType.name().toLowerCase() + " OTP store");
		this.storeType = storeType;
	}

	StoreType getStoreType() {
		return this.storeType;
	}

}
