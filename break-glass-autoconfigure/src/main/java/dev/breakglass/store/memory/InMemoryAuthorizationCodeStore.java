package dev.breakglass.store.memory;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.breakglass.store.AuthorizationCode;
import dev.breakglass.store.AuthorizationCodeStore;
import dev.breakglass.store.DuplicateCodeException;
import dev.breakglass.store.Redemption;
import org.springframework.util.Assert;

/**
 * {@link AuthorizationCodeStore} in this JVM. A take or a redemption is one atomic map
 * removal or replacement, so of racing takers and redeemers exactly one gets the code; a
 * redemption replaces the code by its tombstone in that same step. Expired codes and
 * tombstones are reclaimed as new ones are put.
 */
public final class InMemoryAuthorizationCodeStore implements AuthorizationCodeStore {

	private final ExpiringEntries<String, Entry> codes;

	private final Clock clock;

	/**
	 * Create a store.
	 * @param clock decides when an unredeemed code may be reclaimed, when a tombstone
	 * ends, and tells when a code was redeemed
	 */
	public InMemoryAuthorizationCodeStore(Clock clock) {
		this.codes = new ExpiringEntries<>(clock, (entry) -> entry.code().expiresAt());
		this.clock = clock;
	}

	@Override
	public void put(AuthorizationCode code) {
		Assert.notNull(code, "code must not be null");
		Entry entry = new Entry(code, null);
		while (true) {
			Entry present = this.codes.putIfAbsent(code.codeHash(), entry);
			if (present == null) {
				return;
			}
			if (!isExpiredTombstone(present)) {
				throw new DuplicateCodeException();
			}
			if (this.codes.replace(code.codeHash(), present, entry)) {
				return;
			}
		}
	}

	@Override
	public Optional<AuthorizationCode> take(String codeHash) {
		Assert.notNull(codeHash, "codeHash must not be null");
		while (true) {
			Entry present = this.codes.get(codeHash);
			if (present == null || present.redeemedAt() != null) {
				return Optional.empty();
			}
			if (this.codes.remove(codeHash, present)) {
				return Optional.of(present.code());
			}
		}
	}

	@Override
	public Redemption redeem(String codeHash) {
		Assert.notNull(codeHash, "codeHash must not be null");
		while (true) {
			Entry present = this.codes.get(codeHash);
			if (present == null || isExpiredTombstone(present)) {
				return new Redemption.Unknown();
			}
			Instant redeemedAt = present.redeemedAt();
			if (redeemedAt != null) {
				return new Redemption.AlreadyRedeemed(present.code().data(), redeemedAt);
			}
			if (this.codes.replace(codeHash, present, new Entry(present.code(), this.clock.instant()))) {
				return new Redemption.Redeemed(present.code());
			}
		}
	}

	private boolean isExpiredTombstone(Entry entry) {
		return entry.redeemedAt() != null && !this.codes.isLive(entry);
	}

	/**
	 * A stored code, or its tombstone once redeemed. Compared by identity, so that a
	 * replacement only ever succeeds on the entry that was read.
	 */
	private static final class Entry {

		private final AuthorizationCode code;

		private final @Nullable Instant redeemedAt;

		Entry(AuthorizationCode code, @Nullable Instant redeemedAt) {
			this.code = code;
			this.redeemedAt = redeemedAt;
		}

		AuthorizationCode code() {
			return this.code;
		}

		@Nullable Instant redeemedAt() {
			return this.redeemedAt;
		}

	}

}
