package dev.breakglass.store.memory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import dev.breakglass.store.OtpStore;
import dev.breakglass.store.OtpVerification;
import dev.breakglass.store.PendingOtp;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.StoreLimits;
import org.springframework.util.Assert;

/**
 * {@link OtpStore} in this JVM. Keeps only a SHA-256 of the pending code; verifying takes
 * the pending OTP out with one atomic swap before comparing, so it is always cleared and
 * only one of racing verifications ever sees it.
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
	public String generate() {
		String code = Secrets.newOtp(this.length);
		this.pending.set(new PendingOtp(Secrets.sha256(code), this.clock.instant().plus(this.ttl)));
		return code;
	}

	@Override
	public OtpVerification verify(String code) {
		Assert.notNull(code, "code must not be null");
		PendingOtp current = this.pending.getAndSet(null);
		if (current == null) {
			return OtpVerification.NO_PENDING_OTP;
		}
		String candidate = Secrets.isOtp(code, this.length) ? Secrets.sha256(code) : null;
		return current.verify(candidate, this.clock.instant());
	}

	@Override
	public void clear() {
		this.pending.set(null);
	}

}
