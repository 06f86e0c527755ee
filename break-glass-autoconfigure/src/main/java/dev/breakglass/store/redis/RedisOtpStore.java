package dev.breakglass.store.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.breakglass.store.Attribution;
import dev.breakglass.store.SecretHasher;
import dev.breakglass.store.OtpStore;
import dev.breakglass.store.OtpVerification;
import dev.breakglass.store.OtpVerificationResult;
import dev.breakglass.store.PendingOtp;
import dev.breakglass.store.PendingOtpStatus;
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
 * of racing verifications on any number of nodes only one sees it. Verifying and
 * withdrawing leave a short-lived {@link RedisSpentMarker} in the OTP's place, so that a
 * call the client resent after its reply was lost throws rather than answer "no pending
 * OTP" or "not withdrawn"; every reader takes a marker for no OTP. Fails closed: a Redis
 * failure throws {@link dev.breakglass.store.StoreUnavailableException}.
 */
public final class RedisOtpStore implements OtpStore {

	/**
	 * Returns the pending OTP with its remaining time to live in milliseconds, and leaves
	 * this call's marker (ARGV[1], living ARGV[2] milliseconds) in its place; an empty
	 * list when none is pending or the key holds another call's marker (starts with
	 * ARGV[3]), and the marker alone when it is this call's, so that a resend whose first
	 * run took the OTP is told. Atomic because Redis runs a script without interleaving
	 * other commands, and time stands still inside it: of racing verifications only the
	 * first finds the value, and the TTL read is the one the value had.
	 */
	static final String TAKE_SCRIPT = """
			local value = redis.call('GET', KEYS[1])
			if value == ARGV[1] then
				return { value }
			end
			if not value or string.sub(value, 1, #ARGV[3]) == ARGV[3] then
				return {}
			end
			local ttl = redis.call('PTTL', KEYS[1])
			redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
			return { value, ttl }
			""";

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> TAKE = RedisScript.of(TAKE_SCRIPT, List.class);

	/**
	 * Returns the pending OTP with its remaining time to live in milliseconds, as
	 * {@link #TAKE_SCRIPT} does, and leaves it; an empty list for a marker (starts with
	 * ARGV[1]): one script, so the TTL read is the one of the value read.
	 */
	static final String PEEK_SCRIPT = """
			local value = redis.call('GET', KEYS[1])
			if not value or string.sub(value, 1, #ARGV[1]) == ARGV[1] then
				return {}
			end
			return { value, redis.call('PTTL', KEYS[1]) }
			""";

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> PEEK = RedisScript.of(PEEK_SCRIPT, List.class);

	/**
	 * Replaces the pending OTP with this call's marker (ARGV[2], living ARGV[3]
	 * milliseconds) only if its value starts with the given code hash (ARGV[1], the
	 * value's encoded leading field), answering 1; 2 when it finds this call's marker (a
	 * resend whose first run withdrew the OTP), 0 otherwise. Atomic because Redis runs a
	 * script without interleaving other commands: an OTP generated in between, by any
	 * node, stays.
	 */
	static final String WITHDRAW_SCRIPT = """
			local value = redis.call('GET', KEYS[1])
			if value == ARGV[2] then
				return 2
			end
			if value and string.sub(value, 1, string.len(ARGV[1])) == ARGV[1] then
				redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
				return 1
			end
			return 0
			""";

	private static final RedisScript<Long> WITHDRAW = RedisScript.of(WITHDRAW_SCRIPT, Long.class);

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
		String value = RedisValueCodec.encode(this.hasher.hash(code), attribution.requester(), attribution.reason());
		this.redis.set("generate an OTP", this.keys.otp(owner), value, this.ttl.plus(PendingOtp.EXPIRED_RETENTION));
		return code;
	}

	@Override
	public OtpVerificationResult verify(String owner, String code) {
		OtpStore.checkOwner(owner);
		Assert.notNull(code, "code must not be null");
		@Nullable String candidate = Secrets.isOtp(code, this.length) ? this.hasher.hash(code) : null;
		RedisSpentMarker marker = RedisSpentMarker.next();
		List<?> taken = this.redis.run("verify an OTP", TAKE, this.keys.otp(owner), marker.value(),
				RedisSpentMarker.lifetimeMillis(), RedisSpentMarker.PREFIX);
		if (taken == null || taken.isEmpty()) {
			return OtpVerificationResult.noPendingOtp();
		}
		if (taken.size() == 1 && marker.isMine(taken.get(0))) {
			throw this.redis.replayed("verify an OTP");
		}
		PendingOtp pending = this.redis.read("verify an OTP", () -> pending(taken));
		// Redis's clock decides expiry, so PendingOtp's rule runs on Redis's time line,
		// shifted so that now is the epoch (see pending(List)).
		return pending.verify(candidate, Instant.EPOCH);
	}

	@Override
	public boolean withdraw(String owner, String code) {
		OtpStore.checkOwner(owner);
		Assert.notNull(code, "code must not be null");
		if (!Secrets.isOtp(code, this.length)) {
			return false;
		}
		RedisSpentMarker marker = RedisSpentMarker.next();
		Long withdrawn = this.redis.run("withdraw an OTP", WITHDRAW, this.keys.otp(owner),
				RedisValueCodec.prefix(this.hasher.hash(code)), marker.value(), RedisSpentMarker.lifetimeMillis());
		if (withdrawn != null && withdrawn == 2) {
			throw this.redis.replayed("withdraw an OTP");
		}
		return withdrawn != null && withdrawn == 1;
	}

	@Override
	public Optional<PendingOtpStatus> pending(String owner) {
		OtpStore.checkOwner(owner);
		List<?> peeked = this.redis.run("tell the pending OTP", PEEK, this.keys.otp(owner), RedisSpentMarker.PREFIX);
		if (peeked == null || peeked.isEmpty()) {
			return Optional.empty();
		}
		PendingOtp pending = this.redis.read("tell the pending OTP", () -> pending(peeked));
		// on Redis's time line, now is the epoch (see pending(List))
		Duration expiresIn = Duration.between(Instant.EPOCH, pending.expiresAt());
		return (expiresIn.isNegative() || expiresIn.isZero()) ? Optional.empty()
				: Optional.of(new PendingOtpStatus(expiresIn, pending.attribution()));
	}

	@Override
	public void clear() {
		this.redis.deleteMatching("clear the OTPs", this.keys.otp(OtpStore.SHARED), this.keys.otpPattern());
	}

	private static PendingOtp pending(List<?> taken) {
		if (taken.size() != 2 || !(taken.get(0) instanceof String value) || !(taken.get(1) instanceof Long ttl)) {
			throw new InvalidRedisValueException("OTP script returned an unexpected reply");
		}
		if (ttl < 0) {
			throw new InvalidRedisValueException("pending OTP has no expiry");
		}
		List<String> fields = RedisValueCodec.decode(value, 3);
		// The key outlives the OTP by the retention: with now at the epoch, the OTP
		// expires when the key has RETENTION_MILLIS left to live.
		return new PendingOtp(fields.get(0), Instant.EPOCH.plusMillis(ttl - RETENTION_MILLIS),
				RedisValueCodec.attribution(fields.get(1), fields.get(2)));
	}

}
