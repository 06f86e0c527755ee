package dev.breakglass.autoconfigure;

import dev.breakglass.store.BreakGlassStore;
import dev.breakglass.store.StoreType;

/**
 * Thrown at start-up when a store keeps keyed hashes of its secrets outside the JVM (the
 * OTP store or the session token store on jpa or redis) and {@code break-glass.secret},
 * the secret every node derives the keys from, is not set.
 */
final class MissingSecretException extends RuntimeException {

	private final BreakGlassStore store;

	private final StoreType storeType;

	MissingSecretException(BreakGlassStore store, StoreType storeType) {
		super("break-glass.secret is not set, but the " + store.description() + " is "
				+ storeType.name().toLowerCase());
		this.store = store;
		this.storeType = storeType;
	}

	BreakGlassStore getStore() {
		return this.store;
	}

	StoreType getStoreType() {
		return this.storeType;
	}

}
