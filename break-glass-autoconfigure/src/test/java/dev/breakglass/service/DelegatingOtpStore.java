package dev.breakglass.service;

import dev.breakglass.store.Attribution;
import dev.breakglass.store.OtpStore;
import dev.breakglass.store.OtpVerificationResult;

/**
 * An {@link OtpStore} that hands every call to another, for tests that make one call
 * fail.
 */
class DelegatingOtpStore implements OtpStore {

	private final OtpStore delegate;

	DelegatingOtpStore(OtpStore delegate) {
		this.delegate = delegate;
	}

	@Override
	public String generate(Attribution attribution) {
		return this.delegate.generate(attribution);
	}

	@Override
	public OtpVerificationResult verify(String code) {
		return this.delegate.verify(code);
	}

	@Override
	public boolean withdraw(String code) {
		return this.delegate.withdraw(code);
	}

	@Override
	public void clear() {
		this.delegate.clear();
	}

}
