package dev.breakglass.store.memory;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.breakglass.store.Attribution;
import dev.breakglass.store.OtpStore;
import dev.breakglass.store.OtpVerificationResult;
import dev.breakglass.store.PendingOtp;
import dev.breakglass.store.PendingOtpStatus;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.StoreLimits;
import org.springframework.util.Assert;

/**
 * {@link OtpStore} in this JVM. Keeps only a SHA-256 of each owner's pending code, with
 * who asked for it and why; verifying takes the owner's pending OTP out with one atomic
 * removal before comparing, so it is always cleared and only one of racing verifications
 * ever sees it. Withdrawing is a compare-and-remove on the code's digest. An owner's
 * entry lives until it is verified, withdrawn or replaced: one per owner who ever asked.
 */
public final class InMemoryOtpStore implements OtpStore {

	private final Map<String, PendingOtp> pending = new ConcurrentHashMap<>();

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
	public String generate(String owner, Attribution attribution) {
		OtpStore.checkOwner(owner);
		Assert.notNull(attribution, "attribution must not be null");
		String code = Secrets.newOtp(this.length);
		this.pending.put(owner,
				new PendingOtp(Secrets.sha256InMemory(code), this.clock.instant().plus(this.ttl), attribution));
		return code;
	}

	@Override
	public OtpVerificationResult verify(String owner, String code) {
		OtpStore.checkOwner(owner);
		Assert.notNull(code, "code must not be null");
		PendingOtp current = this.pending.remove(owner);
		if (current == null) {
			return OtpVerificationResult.noPendingOtp();
		}
		String candidate = Secrets.isOtp(code, this.length) ? Secrets.sha256InMemory(code) : null;
		return current.verify(candidate, this.clock.instant());
	}

	@Override
	public boolean withdraw(String owner, String code) {
		OtpStore.checkOwner(owner);
		Assert.notNull(code, "code must not be null");
		if (!Secrets.isOtp(code, this.length)) {
			return false;
		}
		String digest = Secrets.sha256InMemory(code);
		PendingOtp current = this.pending.get(owner);
		while (current != null && Secrets.constantTimeEquals(current.digest(), digest)) {
			if (this.pending.remove(owner, current)) {
				return true;
			}
			current = this.pending.get(owner);
		}
		return false;
	}

	@Override
	public Optional<PendingOtpStatus> pending(String owner) {
		OtpStore.checkOwner(owner);
		PendingOtp current = this.pending.get(owner);
		if (current == null) {
			return Optional.empty();
		}
		Duration expiresIn = Duration.between(this.clock.instant(), current.expiresAt());
		return (expiresIn.isNegative() || expiresIn.isZero()) ? Optional.empty()
				: Optional.of(new PendingOtpStatus(expiresIn, current.attribution()));
	}

	@Override
	public void clear() {
		this.pending.clear();
	}

}
