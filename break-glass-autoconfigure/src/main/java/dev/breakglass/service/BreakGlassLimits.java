package dev.breakglass.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.breakglass.store.AttemptCount;
import dev.breakglass.store.AttemptCounterStore;
import dev.breakglass.store.OtpStore;
import org.springframework.util.Assert;

/**
 * The limits {@link BreakGlassService} applies, counted on an {@link AttemptCounterStore}
 * so that every node shares them. Every limit but one counts the attempts of one
 * principal only, so an attacker's attempts cost only the attacker:
 * <ul>
 * <li>OTP requests per requester per window (a signed-in requester is its principal);
 * <li>consecutive failed opens per principal before a lockout of {@code lockout};
 * <li>consecutive failed opens per principal, across lockouts, before a lock that lasts
 * until an operator unlocks it (NIST SP 800-63B: at most 100).
 * </ul>
 * OTP requests of all requesters together per window refuse only callers with no
 * principal (the seed's flow, where a requester is just a name); for signed-in requesters
 * the figure raises an {@link OtpRequestSurgeEvent} and refuses nobody. A request refused
 * by its requester's limit is not counted against all requesters. Callers with no
 * principal share one set of counters, as they share one pending OTP.
 */
public final class BreakGlassLimits {

	/**
	 * Most consecutive failures before a lock that NIST SP 800-63B allows.
	 */
	public static final int MAX_LOCK_AFTER_FAILURES = 100;

	/**
	 * Consecutive failures before a lock, unless configured.
	 */
	public static final int DEFAULT_LOCK_AFTER_FAILURES = 20;

	static final String REQUESTS_OF = "otp-requests:requester:";

	static final String REQUESTS = "otp-requests";

	static final String SIGNED_IN_REQUESTS = "otp-requests:signed-in";

	static final String FAILED_OPENS = "failed-opens";

	static final String FAILURES = "failures";

	/**
	 * How long a lock lasts when no operator unlocks it: the longest a counter may live.
	 */
	static final Duration UNTIL_UNLOCKED = Duration.ofDays(366);

	private static final BreakGlassLimits UNLIMITED = new BreakGlassLimits();

	private final @Nullable AttemptCounterStore counters;

	private final int requestsPerRequester;

	private final int requests;

	private final Duration window;

	private final int failedOpens;

	private final Duration lockout;

	private final int lockAfterFailures;

	private BreakGlassLimits() {
		this.counters = null;
		this.requestsPerRequester = Integer.MAX_VALUE;
		this.requests = Integer.MAX_VALUE;
		this.window = Duration.ZERO;
		this.failedOpens = Integer.MAX_VALUE;
		this.lockout = Duration.ZERO;
		this.lockAfterFailures = Integer.MAX_VALUE;
	}

	/**
	 * Create limits that lock a principal after {@value #DEFAULT_LOCK_AFTER_FAILURES}
	 * consecutive failed opens.
	 * @param counters where attempts are counted
	 * @param requestsPerRequester OTP requests one requester may make per window
	 * @param requests OTP requests all requesters together may make per window
	 * @param window how long a window of OTP requests lasts
	 * @param failedOpens consecutive failed opens that start a lockout
	 * @param lockout how long a lockout lasts
	 */
	public BreakGlassLimits(AttemptCounterStore counters, int requestsPerRequester, int requests, Duration window,
			int failedOpens, Duration lockout) {
		this(counters, requestsPerRequester, requests, window, failedOpens, lockout, DEFAULT_LOCK_AFTER_FAILURES);
	}

	/**
	 * Create limits.
	 * @param counters where attempts are counted
	 * @param requestsPerRequester OTP requests one requester may make per window
	 * @param requests OTP requests all requesters together may make per window
	 * @param window how long a window of OTP requests lasts
	 * @param failedOpens consecutive failed opens that start a lockout
	 * @param lockout how long a lockout lasts
	 * @param lockAfterFailures consecutive failed opens, across lockouts, that lock a
	 * principal until an operator unlocks it; at most {@value #MAX_LOCK_AFTER_FAILURES}
	 */
	public BreakGlassLimits(AttemptCounterStore counters, int requestsPerRequester, int requests, Duration window,
			int failedOpens, Duration lockout, int lockAfterFailures) {
		Assert.notNull(counters, "counters must not be null");
		Assert.isTrue(requestsPerRequester >= 1, "requestsPerRequester must be at least 1");
		Assert.isTrue(requests >= requestsPerRequester, "requests must be at least requestsPerRequester");
		Assert.isTrue(failedOpens >= 1, "failedOpens must be at least 1");
		Assert.isTrue(lockAfterFailures >= 1 && lockAfterFailures <= MAX_LOCK_AFTER_FAILURES,
				() -> "lockAfterFailures must be between 1 and " + MAX_LOCK_AFTER_FAILURES + ", but is "
						+ lockAfterFailures);
		AttemptCount.check(REQUESTS, requests, window);
		AttemptCount.check(FAILED_OPENS, failedOpens, lockout);
		this.counters = counters;
		this.requestsPerRequester = requestsPerRequester;
		this.requests = requests;
		this.window = window;
		this.failedOpens = failedOpens;
		this.lockout = lockout;
		this.lockAfterFailures = lockAfterFailures;
	}

	/**
	 * No limits at all: for tests and benchmarks, never for a deployment.
	 * @return the limits
	 */
	public static BreakGlassLimits unlimited() {
		return UNLIMITED;
	}

	/**
	 * Count an OTP request.
	 * @param request who asks
	 * @param signedIn whether the requester is the signed-in principal
	 * @return whether a limit refuses it, and whether it reached the figure of all
	 * signed-in requesters
	 */
	RequestCount countRequest(BreakGlassRequest request, boolean signedIn) {
		if (this.counters == null) {
			return RequestCount.ALLOWED;
		}
		AttemptCount mine = this.counters.countInWindow(REQUESTS_OF + request.requester(), this.requestsPerRequester,
				this.window);
		if (!mine.isAllowed()) {
			return new RequestCount(new Refusal(BreakGlassLimit.REQUESTS_PER_REQUESTER, mine.resetsIn()), null);
		}
		AttemptCount all = this.counters.countInWindow(signedIn ? SIGNED_IN_REQUESTS : REQUESTS, this.requests,
				this.window);
		if (signedIn) {
			return new RequestCount(null, all.isLast() ? all : null);
		}
		return all.isAllowed() ? RequestCount.ALLOWED
				: new RequestCount(new Refusal(BreakGlassLimit.REQUESTS, all.resetsIn()), null);
	}

	/**
	 * Count an open of one owner before its OTP is verified. A lock is looked at first,
	 * so that attempts refused by a lockout do not bring the lock nearer.
	 * @param owner the principal, or {@link OtpStore#SHARED}
	 * @return the count, or {@code null} when opens are not limited
	 */
	@Nullable OpenCount countOpen(String owner) {
		if (this.counters == null) {
			return null;
		}
		Optional<AttemptCount> locked = peekLock(this.counters, owner);
		if (locked.isPresent()) {
			return new OpenCount(null, null, new Refusal(BreakGlassLimit.LOCKED, locked.get().resetsIn()));
		}
		AttemptCount run = this.counters.countConsecutive(failedOpens(owner), this.failedOpens, this.lockout);
		if (!run.isAllowed()) {
			return new OpenCount(run, null, new Refusal(BreakGlassLimit.FAILED_OPENS, run.resetsIn()));
		}
		AttemptCount failures = this.counters.countConsecutive(failures(owner), this.lockAfterFailures, UNTIL_UNLOCKED);
		Refusal refusal = failures.isAllowed() ? null : new Refusal(BreakGlassLimit.LOCKED, failures.resetsIn());
		return new OpenCount(run, failures, refusal);
	}

	/**
	 * End an owner's runs of failed opens, after a successful one or by an operator.
	 * @param owner the principal, or {@link OtpStore#SHARED}
	 */
	void reset(String owner) {
		if (this.counters != null) {
			this.counters.reset(failedOpens(owner));
			this.counters.reset(failures(owner));
		}
	}

	/**
	 * The limits that hold right now for an owner: opens locked out or locked, and, for
	 * {@link OtpStore#SHARED}, the overall OTP requests of the window used up.
	 * Per-requester windows are not listed.
	 * @param owner the principal, or {@link OtpStore#SHARED}
	 * @return the lockouts, none when unlimited
	 */
	List<BreakGlassLockout> lockouts(String owner) {
		if (this.counters == null) {
			return List.of();
		}
		List<BreakGlassLockout> lockouts = new ArrayList<>();
		if (owner.isEmpty()) {
			this.counters.peek(REQUESTS, this.requests)
				.filter(BreakGlassLimits::usedUp)
				.ifPresent((count) -> lockouts.add(new BreakGlassLockout(BreakGlassLimit.REQUESTS, count.resetsIn())));
		}
		this.counters.peek(failedOpens(owner), this.failedOpens)
			.filter(BreakGlassLimits::usedUp)
			.ifPresent((count) -> lockouts.add(new BreakGlassLockout(BreakGlassLimit.FAILED_OPENS, count.resetsIn())));
		peekLock(this.counters, owner)
			.ifPresent((count) -> lockouts.add(new BreakGlassLockout(BreakGlassLimit.LOCKED, count.resetsIn())));
		return lockouts;
	}

	private Optional<AttemptCount> peekLock(AttemptCounterStore counters, String owner) {
		try {
			return counters.peek(failures(owner), this.lockAfterFailures).filter(BreakGlassLimits::usedUp);
		}
		catch (UnsupportedOperationException ex) {
			// a counter store of the application's that cannot tell: the lock still
			// holds, by the count of the next attempt
			return Optional.empty();
		}
	}

	private static boolean usedUp(AttemptCount count) {
		return count.attempts() >= count.limit();
	}

	private static String failedOpens(String owner) {
		return owner.isEmpty() ? FAILED_OPENS : FAILED_OPENS + ":" + owner;
	}

	private static String failures(String owner) {
		return owner.isEmpty() ? FAILURES : FAILURES + ":" + owner;
	}

	record Refusal(BreakGlassLimit limit, Duration retryAfter) {
	}

	/**
	 * An OTP request counted.
	 *
	 * @param refusal the limit that refuses it, or {@code null} when it is allowed
	 * @param surge the count of all signed-in requesters' requests when this one reached
	 * the figure, or {@code null}
	 */
	record RequestCount(@Nullable Refusal refusal, @Nullable AttemptCount surge) {

		static final RequestCount ALLOWED = new RequestCount(null, null);

	}

	/**
	 * An open counted.
	 *
	 * @param run the count of consecutive failures towards a lockout, or {@code null}
	 * when a lock refused it before counting
	 * @param failures the count of consecutive failures towards a lock, or {@code null}
	 * when not counted
	 * @param refusal the limit that refuses it, or {@code null} when it may be verified
	 */
	record OpenCount(@Nullable AttemptCount run, @Nullable AttemptCount failures, @Nullable Refusal refusal) {

		/**
		 * Whether a failure of this open locks the owner until an operator unlocks it.
		 * @return whether it was the last failure allowed
		 */
		boolean locksIfFailed() {
			return this.failures != null && this.failures.isLast();
		}

		/**
		 * Whether a failure of this open starts a lockout.
		 * @return whether it was the last failure of a run allowed
		 */
		boolean locksOutIfFailed() {
			return this.run != null && this.run.isLast();
		}

	}

}
