package dev.breakglass.store;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * How long a break-glass session token lives: at most {@code ttl} after it was issued,
 * and, with an idle timeout, no longer than {@code idleTimeout} after its last use. The
 * one home of that rule: a token's deadline is {@link #initialDeadline} when it is issued
 * and moves to {@link #deadlineAfterUse} when it is used, never past
 * {@code issuedAt + ttl}; a use {@link #moves} the deadline only when that moves it by at
 * least {@link #step()} (at most a second), so that a session used many times a second is
 * written about once a second.
 *
 * @param ttl the longest a session lasts, from its issue
 * @param idleTimeout how long a session lasts unused, or {@code null} for no idle timeout
 */
public record SessionLifetime(Duration ttl, @Nullable Duration idleTimeout) {

	private static final Duration MAX_STEP = Duration.ofSeconds(1);

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
	 * How far a use must move the deadline to be written: a tenth of the idle timeout, at
	 * most a second. The idle timeout is counted from the last use to within this.
	 * @return the step
	 */
	public Duration step() {
		Duration idle = idle();
		if (idle == null) {
			return this.ttl;
		}
		Duration tenth = idle.dividedBy(10);
		return (tenth.compareTo(MAX_STEP) < 0) ? tenth : MAX_STEP;
	}

	/**
	 * Whether a use should write its new deadline.
	 * @param deadline the deadline now
	 * @param deadlineAfterUse the deadline the use gives ({@link #deadlineAfterUse})
	 * @return whether it moves the deadline by at least {@link #step()}
	 */
	public boolean moves(Instant deadline, Instant deadlineAfterUse) {
		return hasIdleTimeout() && Duration.between(deadline, deadlineAfterUse).compareTo(step()) >= 0;
	}

	/**
	 * The idle timeout when it can end a session before its ttl does.
	 */
	private @Nullable Duration idle() {
		Duration idle = this.idleTimeout;
		return (idle != null && idle.compareTo(this.ttl) < 0) ? idle : null;
	}

}
