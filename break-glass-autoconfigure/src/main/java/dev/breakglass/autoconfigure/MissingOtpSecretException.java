package dev.breakglass.autoconfigure;

import dev.breakglass.store.StoreType;

/**
 * Thrown at start-up when the OTP store keeps OTPs outside the JVM (jpa or redis) and
 * {@code break-glass.secret}, the key every node hashes them with, is not set.
 */
final class MissingOtpSecretException extends RuntimeException {

	private final StoreType storeType;

	MissingOtpSecretException(StoreType storeType) {
		super("break-glass.secret is not set, but the OTP store is " + storeType.name().toLowerCase());
		this.storeType = storeType;
	}

	StoreType getStoreType() {
		return this.storeType;
	}

}
