package dev.breakglass.store.redis;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.breakglass.store.Secrets;

/**
 * What a consuming script leaves under a key instead of deleting it, so that a client
 * that resends the script after its reply was lost learns that its own first run spent
 * the secret. Each consuming call makes a marker of its own, {@code s1} ("spent", version
 * 1) with one field, a fresh random request id, in {@link RedisValueCodec}'s format. A
 * script that finds its own marker answers "replayed" and the store throws
 * {@link dev.breakglass.store.StoreUnavailableException}; every other reader treats any
 * marker as an absent key. The marker lives in the consumed key itself, so every script
 * still touches one key and runs on Redis Cluster.
 * <p>
 * It lives {@link #LIFETIME}: Lettuce resends only a command that is still waiting for
 * its reply, and gives up on one (never writing it again) when the command timeout ends,
 * 60 seconds unless {@code spring.data.redis.timeout} is set. A resend that comes after
 * the marker expired answers "not found" again.
 */
final class RedisSpentMarker {

	/**
	 * How long a marker lives: twice Lettuce's default command timeout, so that a resend
	 * made within any command timeout up to a minute, reconnect included, still finds it.
	 */
	static final Duration LIFETIME = Duration.ofMinutes(2);

	/**
	 * What every marker starts with, and no value a store writes otherwise.
	 */
	static final String PREFIX = RedisValueCodec.SPENT + ";";

	private final String value;

	private RedisSpentMarker(String requestId) {
		this.value = RedisValueCodec.encodeTagged(RedisValueCodec.SPENT, requestId);
	}

	/**
	 * A marker for one consuming call.
	 * @return a marker with a fresh random request id
	 */
	static RedisSpentMarker next() {
		return new RedisSpentMarker(newRequestId());
	}

	/**
	 * A fresh random request id, for a call that leaves its id somewhere else than in a
	 * marker (a redeemed code's tombstone).
	 * @return the id
	 */
	static String newRequestId() {
		return Secrets.newUniqueId();
	}

	/**
	 * Whether a value is a marker, any call's: to a reader, an absent key.
	 * @param value the value, or {@code null} for none
	 * @return whether it is a marker
	 */
	static boolean isMarker(@Nullable String value) {
		return value != null && value.startsWith(PREFIX);
	}

	/**
	 * The marker as the script writes it.
	 * @return the value
	 */
	String value() {
		return this.value;
	}

	/**
	 * Whether a value is this marker, so that the call is the resend of one that spent
	 * the secret.
	 * @param value the value the script returned
	 * @return whether it is this call's marker
	 */
	boolean isMine(@Nullable Object value) {
		return this.value.equals(value);
	}

	/**
	 * The marker's lifetime, as the script's {@code PX} argument.
	 * @return milliseconds, in decimal
	 */
	static String lifetimeMillis() {
		return Long.toString(LIFETIME.toMillis());
	}

}
