package dev.breakglass.store.redis;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * How many replicas must acknowledge each write of a redis store before the call returns:
 * after the write, the store sends {@code WAIT replicas timeout} on the same connection,
 * and when fewer replicas acknowledge in time the call throws
 * {@link dev.breakglass.store.StoreUnavailableException}. The write is not undone: a
 * consumed secret stays spent on the primary, so the call fails closed. This narrows, but
 * does not close, the window in which a failover to a replica brings a consumed secret
 * back: {@code WAIT} does not make Redis strongly consistent (a replica that acknowledged
 * may still lose the write, and a failover may promote one that did not acknowledge).
 *
 * @param replicas how many replicas must acknowledge; 0 sends no {@code WAIT}
 * @param timeout how long to wait for them
 */
public record RedisReplicaAcknowledgement(int replicas, Duration timeout) {

	/**
	 * No acknowledgement: writes return as soon as the primary has them.
	 */
	public static final RedisReplicaAcknowledgement NONE = new RedisReplicaAcknowledgement(0, Duration.ofSeconds(1));

	public RedisReplicaAcknowledgement {
		Assert.isTrue(replicas >= 0, () -> "replicas must not be negative, but is " + replicas);
		Assert.notNull(timeout, "timeout must not be null");
		// WAIT with a timeout of 0 blocks forever.
		Assert.isTrue(timeout.toMillis() > 0, () -> "timeout must be at least 1ms, but is " + timeout);
	}

	/**
	 * Whether writes wait for replicas.
	 * @return whether at least one replica must acknowledge
	 */
	public boolean isRequired() {
		return this.replicas > 0;
	}

}
