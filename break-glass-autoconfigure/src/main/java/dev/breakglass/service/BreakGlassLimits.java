package dev.breakglass.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.breakglass.store.AttemptCount;
import dev.breakglass.store.AttemptCounterStore;
import org.springframework.util.Assert;

/**
 * The limits {@link BreakGlassService} applies, counted on an {@link AttemptCounterStore}
 * so that every node shares them: OTP requests per requester and of all requesters per
 * window, and consecutive failed opens before a lockout. The per-requester limit is
 * counted first and a request it refuses is not counted against all requesters, so a
 * flood under one name cannot use up the others' requests.
 */
public final class BreakGlassLimits {

	static final String REQUESTS_OF = "otp-requests:requester:";

	static final String REQUESTS = "otp-requests";

	static final String FAILED_OPENS = "failed-opens";

	private static final BreakGlassLimits UNLIMITED = new BreakGlassLimits();

	private final @Nullable AttemptCounterStore counters;

	private final int requestsPerRequester;

	private final int requests;

	private final Duration window;

	private final int failedOpens;

	private final Duration lockout;

	private BreakGlassLimits() {
		this.counters = null;
		this.requestsPerRequester = Integer.MAX_VALUE;
		this.requests = Integer.MAX_VALUE;
		this.window = Duration.ZERO;
		this.failedOpens = Integer.MAX_VALUE;
		this.lockout = Duration.ZERO;
	}

	/**
	 * Create limits.
	 * @param counters where attempts are counted
	 * @param requestsPerRequester OTP requests one requester may make per window
	 * @param requests OTP requests all requesters together may make per window
	 * @param window how long a window of OTP requests lasts
	 * @param failedOpens consecutive failed opens that start a lockout
	 * @param lockout how long a lockout lasts
	 */
	public BreakGlassLimits(AttemptCounterStore counters, int requestsPerRequester, int requests, Duration window,
			int failedOpens, Duration lockout) {
		Assert.notNull(counters, "counters must not be null");
		Assert.isTrue(requestsPerRequester >= 1, "requestsPerRequester must be at least 1");
		Assert.isTrue(requests >= requestsPerRequester, "requests must be at least requestsPerRequester");
		Assert.isTrue(failedOpens >= 1, "failedOpens must be at least 1");
		AttemptCount.check(REQUESTS, requests, window);
		AttemptCount.check(FAILED_OPENS, failedOpens, lockout);
		this.counters = counters;
		this.requestsPerRequester = requestsPerRequester;
		this.requests = requests;
		this.window = window;
		this.failedOpens = failedOpens;
		this.lockout = lockout;
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
	 * @return the limit that refuses it, or {@code null} when it is allowed
	 */
	@Nullable Refusal countRequest(BreakGlassRequest request) {
		if (this.counters == null) {
			return null;
		}
		AttemptCount mine = this.counters.countInWindow(REQUESTS_OF + request.requester(), this.requestsPerRequester,
				this.window);
		if (!mine.isAllowed()) {
			return new Refusal(BreakGlassLimit.REQUESTS_PER_REQUESTER, mine.resetsIn());
		}
		AttemptCount all = this.counters.countInWindow(REQUESTS, this.requests, this.window);
		return all.isAllowed() ? null : new Refusal(BreakGlassLimit.REQUESTS, all.resetsIn());
	}

	/**
	 * Count an open before the OTP is verified.
	 * @return the count, or {@code null} when opens are not limited
	 */
	@Nullable AttemptCount countOpen() {
		return (this.counters != null) ? this.counters.countConsecutive(FAILED_OPENS, this.failedOpens, this.lockout)
				: null;
	}

	/**
	 * End the run of failed opens, after a successful one.
	 */
	void openSucceeded() {
		if (this.counters != null) {
			this.counters.reset(FAILED_OPENS);
		}
	}

	/**
	 * The limits that hold for everyone right now: the overall OTP requests of the window
	 * used up, opens locked out. Per-requester windows are not listed: their counters are
	 * only found by the requester's name.
	 * @return the lockouts, none when unlimited
	 */
	List<BreakGlassLockout> lockouts() {
		if (this.counters == null) {
			return List.of();
		}
		List<BreakGlassLockout> lockouts = new ArrayList<>();
		this.counters.peek(REQUESTS, this.requests)
			.filter((count) -> count.attempts() >= count.limit())
			.ifPresent((count) -> lockouts.add(new BreakGlassLockout(BreakGlassLimit.REQUESTS, count.resetsIn())));
		this.counters.peek(FAILED_OPENS, this.failedOpens)
			.filter((count) -> count.attempts() >= count.limit())
			.ifPresent((count) -> lockouts.add(new BreakGlassLockout(BreakGlassLimit.FAILED_OPENS, count.resetsIn())));
		return lockouts;
	}

	record Refusal(BreakGlassLimit limit, Duration retryAfter) {
	}

}
