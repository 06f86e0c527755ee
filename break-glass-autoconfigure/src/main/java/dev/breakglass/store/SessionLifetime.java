package dev.breakglass.store;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * How long a break-glass session token lives: at most {@code ttl} after it was issued,
 * and, with an idle timeout, no longer than {@code idleTimeout} after its last use. The
 * one home of that rule: a token's deadline is {@link #initialDeadline} when it is issued
 * and moves to {@link #deadlineAfterUse} each time it is used, never past
 * {@code issuedAt + ttl}.
 *
 * @param ttl the longest a session lasts, from its issue
 * @param idleTimeout how long a session lasts unused, or {@code null} for no idle timeout
 */
public record SessionLifetime(Duration ttl, @Nullable Duration idleTimeout) {

	/**
	 * Check the durations.
	 * @param ttl the longest a session lasts, from its issue
	 * @param idleTimeout how long a session lasts unused, or {@code null}
	 */
	public SessionLifetime {
		StoreLimits.checkTtl(ttl);
		Assert.isTrue(idleTimeout == null || StoreLimits.isTtl(idleTimeout),
				() -> "idle timeout must be positive and at most " + StoreLimits.MAX_TTL + ", but is " + idleTimeout);
	}

	/**
	 * A lifetime without an idle timeout.
	 * @param ttl the longest a session lasts, from its issue
	 * @return the lifetime
	 */
	public static SessionLifetime of(Duration ttl) {
		return new SessionLifetime(ttl, null);
	}

	/**
	 * Whether a use of the token moves its deadline, so that a lookup is a write.
	 * @return whether there is an idle timeout shorter than the ttl
	 */
	public boolean hasIdleTimeout() {
		return idle() != null;
	}

	/**
	 * How long a token lives from its issue until it is first used.
	 * @return the shorter of the ttl and the idle timeout
	 */
	public Duration initialLifetime() {
		Duration idle = idle();
		return (idle != null) ? idle : this.ttl;
	}

	/**
	 * The deadline of a token just issued.
	 * @param issuedAt when it was issued
	 * @return its deadline
	 */
	public Instant initialDeadline(Instant issuedAt) {
		return issuedAt.plus(initialLifetime());
	}

	/**
	 * The deadline of a token used now: the idle timeout from now, never past its ttl.
	 * @param issuedAt when it was issued
	 * @param now when it is used
	 * @return its new deadline
	 */
	public Instant deadlineAfterUse(Instant issuedAt, Instant now) {
		Instant latest = issuedAt.plus(this.ttl);
		Duration idle = idle();
		if (idle == null) {
			return latest;
		}
		Instant idleDeadline = now.plus(idle);
		return idleDeadline.isBefore(latest) ? idleDeadline : latest;
	}

	/**
	 * The idle timeout when it can end a session before its ttl does.
	 */
	private @Nullable Duration idle() {
		Duration idle = this.idleTimeout;
		return (idle != null && idle.compareTo(this.ttl) < 0) ? idle : null;
	}

}
