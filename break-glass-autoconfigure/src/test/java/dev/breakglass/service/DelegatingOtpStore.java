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
	public String generate(String owner, Attribution attribution) {
		return this.delegate.generate(owner, attribution);
	}

	@Override
	public OtpVerificationResult verify(String owner, String code) {
		return this.delegate.verify(owner, code);
	}

	@Override
	public boolean withdraw(String owner, String code) {
		return this.delegate.withdraw(owner, code);
	}

	@Override
	public void clear() {
		this.delegate.clear();
	}

}
