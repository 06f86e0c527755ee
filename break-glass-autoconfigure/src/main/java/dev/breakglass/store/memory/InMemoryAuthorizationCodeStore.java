package dev.breakglass.store.memory;

import java.time.Clock;
import java.util.Optional;

import dev.breakglass.store.AuthorizationCode;
import dev.breakglass.store.AuthorizationCodeStore;
import dev.breakglass.store.DuplicateCodeException;
import org.springframework.util.Assert;

/**
 * {@link AuthorizationCodeStore} in this JVM. A take is one atomic map removal, so of
 * racing takers exactly one gets the code; expired codes are reclaimed as new ones are
 * put.
 */
public final class InMemoryAuthorizationCodeStore implements AuthorizationCodeStore {

	private final ExpiringEntries<AuthorizationCode> codes;

	/**
	 * Create a store.
	 * @param clock decides when an unredeemed code may be reclaimed
	 */
	public InMemoryAuthorizationCodeStore(Clock clock) {
		this.codes = new ExpiringEntries<>(clock, AuthorizationCode::expiresAt);
	}

	@Override
	public void put(AuthorizationCode code) {
		Assert.notNull(code, "code must not be null");
		if (this.codes.putIfAbsent(code.codeHash(), code) != null) {
			throw new DuplicateCodeException();
		}
	}

	@Override
	public Optional<AuthorizationCode> take(String codeHash) {
		Assert.notNull(codeHash, "codeHash must not be null");
		return Optional.ofNullable(this.codes.remove(codeHash));
	}

}
