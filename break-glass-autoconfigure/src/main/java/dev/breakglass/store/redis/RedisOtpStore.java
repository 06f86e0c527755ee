package dev.breakglass.store.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.breakglass.store.Attribution;
import dev.breakglass.store.OtpStore;
import dev.breakglass.store.OtpVerification;
import dev.breakglass.store.OtpVerificationResult;
import dev.breakglass.store.PendingOtp;
import dev.breakglass.store.PendingOtpStatus;
import dev.breakglass.store.SecretHasher;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.StoreLimits;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.util.Assert;

/**
 * {@link OtpStore} in Redis, one pending OTP for every node sharing the server. Keeps
 * only a keyed hash ({@link SecretHasher}) of the code, with who asked for it and why,
 * under one key that Redis expires {@link PendingOtp#EXPIRED_RETENTION} after the OTP
 * itself, so that a late verification still says {@link OtpVerification#EXPIRED}.
 * Verifying takes the OTP out with one script before comparing: it is always cleared, and
 * of racing verifications on any number of nodes only one sees it. Fails closed: a Redis
 * failure throws {@link dev.breakglass.store.StoreUnavailableException}, and a call whose
 * reply was lost is never sent again (see {@code break-glass.redis.at-most-once}).
 */
public final class RedisOtpStore implements OtpStore {

	/**
	 * Returns the pending OTP with its remaining time to live in milliseconds, and leaves
	 * it; an empty list when none is pending. One script, so the TTL read is the one of
	 * the value read.
	 */
	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> PEEK = RedisScript.of("""
			local value = redis.call('GET', KEYS[1])
			if not value then
				return {}
			end
			return { value, redis.call('PTTL', KEYS[1]) }
			""", List.class);

	private static final long RETENTION_MILLIS = PendingOtp.EXPIRED_RETENTION.toMillis();

	private final RedisStoreCommands redis;

	private final RedisKeys keys;

	private final SecretHasher hasher;

	private final Duration ttl;

	private final int length;

	/**
	 * Create a store.
	 * @param redis the template, with string keys and values
	 * @param keyPrefix prefix of the store's key
	 * @param hasher hashes codes; the same key on every node
	 * @param ttl how long an OTP lives
	 * @param length how many digits an OTP has
	 */
	public RedisOtpStore(RedisOperations<String, String> redis, String keyPrefix, SecretHasher hasher, Duration ttl,
			int length) {
		this(redis, keyPrefix, hasher, ttl, length, RedisReplicaAcknowledgement.NONE);
	}

	/**
	 * Create a store.
	 * @param redis the template, with string keys and values
	 * @param keyPrefix prefix of the store's key
	 * @param hasher hashes codes; the same key on every node
	 * @param ttl how long an OTP lives
	 * @param length how many digits an OTP has
	 * @param acknowledgement how many replicas must acknowledge each write before it
	 * returns
	 */
	public RedisOtpStore(RedisOperations<String, String> redis, String keyPrefix, SecretHasher hasher, Duration ttl,
			int length, RedisReplicaAcknowledgement acknowledgement) {
		Assert.notNull(hasher, "hasher must not be null");
		this.redis = new RedisStoreCommands(redis, "Redis OTP store", acknowledgement);
		this.keys = new RedisKeys(keyPrefix);
		this.hasher = hasher;
		this.ttl = StoreLimits.checkTtl(ttl);
		this.length = StoreLimits.checkOtpLength(length);
	}

	@Override
	public String generate(String owner, Attribution attribution) {
		OtpStore.checkOwner(owner);
		Assert.notNull(attribution, "attribution must not be null");
		String code = Secrets.newOtp(this.length);
		String value = RedisValueCodec.encode(RedisValueCodec.concat(new String[] { this.hasher.hash(code) },
				RedisValueCodec.attributionFields(attribution)));
		this.redis.set("generate an OTP", this.keys.otp(owner), value, this.ttl.plus(PendingOtp.EXPIRED_RETENTION));
		return code;
	}

	@Override
	public OtpVerificationResult verify(String owner, String code) {
		OtpStore.checkOwner(owner);
		Assert.notNull(code, "code must not be null");
		@Nullable String candidate = Secrets.isOtp(code, this.length) ? this.hasher.hash(code) : null;
		RedisStoreCommands.Taken taken = this.redis.takeWithExpiry("verify an OTP", this.keys.otp(owner), "PTTL");
		if (taken == null) {
			return OtpVerificationResult.noPendingOtp();
		}
		PendingOtp pending = this.redis.read("verify an OTP", () -> pending(taken.value(), taken.expiry()));
		// Redis's clock decides expiry, so PendingOtp's rule runs on Redis's time line,
		// shifted so that now is the epoch (see pending(String, long)).
		return pending.verify(candidate, Instant.EPOCH);
	}

	@Override
	public boolean withdraw(String owner, String code) {
		OtpStore.checkOwner(owner);
		Assert.notNull(code, "code must not be null");
		if (!Secrets.isOtp(code, this.length)) {
			return false;
		}
		return this.redis.deleteIfStartsWith("withdraw an OTP", this.keys.otp(owner),
				RedisValueCodec.prefix(this.hasher.hash(code)));
	}

	@Override
	public Optional<PendingOtpStatus> pending(String owner) {
		OtpStore.checkOwner(owner);
		List<?> peeked = this.redis.run("tell the pending OTP", PEEK, this.keys.otp(owner));
		if (peeked == null || peeked.isEmpty()) {
			return Optional.empty();
		}
		if (RedisStoreCommands.unlessSpent(String.valueOf(peeked.get(0))) == null) {
			return Optional.empty();
		}
		PendingOtp pending = this.redis.read("tell the pending OTP", () -> {
			if (peeked.size() != 2 || !(peeked.get(0) instanceof String value)
					|| !(peeked.get(1) instanceof Long ttl)) {
				throw new InvalidRedisValueException("OTP script returned an unexpected reply");
			}
			return pending(value, ttl);
		});
		// on Redis's time line, now is the epoch (see pending(String, long))
		Duration expiresIn = Duration.between(Instant.EPOCH, pending.expiresAt());
		return (expiresIn.isNegative() || expiresIn.isZero()) ? Optional.empty()
				: Optional.of(new PendingOtpStatus(expiresIn, pending.attribution()));
	}

	@Override
	public void clear() {
		this.redis.deleteMatching("clear the OTPs", this.keys.otp(OtpStore.SHARED), this.keys.otpPattern());
	}

	private static PendingOtp pending(String value, long ttl) {
		if (ttl < 0) {
			throw new InvalidRedisValueException("pending OTP has no expiry");
		}
		List<String> fields = RedisValueCodec.decodeAttributed(value, 1);
		// The key outlives the OTP by the retention: with now at the epoch, the OTP
		// expires when the key has RETENTION_MILLIS left to live.
		return new PendingOtp(fields.get(0), Instant.EPOCH.plusMillis(ttl - RETENTION_MILLIS),
				RedisValueCodec.attribution(fields, 1));
	}

}
