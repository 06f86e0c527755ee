package dev.breakglass.store.memory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import dev.breakglass.store.Attribution;
import dev.breakglass.store.OtpStore;
import dev.breakglass.store.OtpVerificationResult;
import dev.breakglass.store.PendingOtp;
import dev.breakglass.store.PendingOtpStatus;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.StoreLimits;
import org.springframework.util.Assert;

/**
 * {@link OtpStore} in this JVM. Keeps only a SHA-256 of the pending code, with who asked
 * for it and why; verifying takes the pending OTP out with one atomic swap before
 * comparing, so it is always cleared and only one of racing verifications ever sees it.
 * Withdrawing is a compare-and-set on the code's digest.
 */
public final class InMemoryOtpStore implements OtpStore {

	private final AtomicReference<@Nullable PendingOtp> pending = new AtomicReference<>();

	private final Clock clock;

	private final Duration ttl;

	private final int length;

	/**
	 * Create a store.
	 * @param clock decides expiry
	 * @param ttl how long an OTP lives
	 * @param length how many digits an OTP has
	 */
	public InMemoryOtpStore(Clock clock, Duration ttl, int length) {
		this.clock = clock;
		this.ttl = StoreLimits.checkTtl(ttl);
		this.length = StoreLimits.checkOtpLength(length);
	}

	@Override
	public String generate(Attribution attribution) {
		Assert.notNull(attribution, "attribution must not be null");
		String code = Secrets.newOtp(this.length);
		this.pending
			.set(new PendingOtp(Secrets.sha256InMemory(code), this.clock.instant().plus(this.ttl), attribution));
		return code;
	}

	@Override
	public OtpVerificationResult verify(String code) {
		Assert.notNull(code, "code must not be null");
		PendingOtp current = this.pending.getAndSet(null);
		if (current == null) {
			return OtpVerificationResult.noPendingOtp();
		}
		String candidate = Secrets.isOtp(code, this.length) ? Secrets.sha256InMemory(code) : null;
		return current.verify(candidate, this.clock.instant());
	}

	@Override
	public boolean withdraw(String code) {
		Assert.notNull(code, "code must not be null");
		if (!Secrets.isOtp(code, this.length)) {
			return false;
		}
		String digest = Secrets.sha256InMemory(code);
		PendingOtp current = this.pending.get();
		while (current != null && Secrets.constantTimeEquals(current.digest(), digest)) {
			if (this.pending.compareAndSet(current, null)) {
				return true;
			}
			current = this.pending.get();
		}
		return false;
	}

	@Override
	public Optional<PendingOtpStatus> pending() {
		PendingOtp current = this.pending.get();
		if (current == null) {
			return Optional.empty();
		}
		Duration expiresIn = Duration.between(this.clock.instant(), current.expiresAt());
		return (expiresIn.isNegative() || expiresIn.isZero()) ? Optional.empty()
				: Optional.of(new PendingOtpStatus(expiresIn, current.attribution()));
	}

	@Override
	public void clear() {
		this.pending.set(null);
	}

}
