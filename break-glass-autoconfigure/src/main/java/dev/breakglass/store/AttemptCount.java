package dev.breakglass.store;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * A counter of {@link AttemptCounterStore} just after an attempt was counted.
 *
 * @param attempts attempts counted in the window, this one included; never more than
 * {@code limit + 1}
 * @param limit how many the window allows
 * @param resetsIn how long until the window ends, by the backend's clock
 */
public record AttemptCount(int attempts, int limit, Duration resetsIn) {

	/**
	 * Longest counter name accepted.
	 */
	public static final int MAX_COUNTER_LENGTH = 512;

	/**
	 * Whether the attempt is allowed.
	 * @return whether it is within the limit
	 */
	public boolean isAllowed() {
		return this.attempts <= this.limit;
	}

	/**
	 * Whether the attempt is the last one the window allows.
	 * @return whether it used up the limit
	 */
	public boolean isLast() {
		return this.attempts == this.limit;
	}

	/**
	 * Check the arguments of a count, the same way on every backend.
	 * @param counter the counter's name
	 * @param limit the limit
	 * @param window the window
	 */
	public static void check(String counter, int limit, Duration window) {
		StoreLimits.checkText(counter, "counter", MAX_COUNTER_LENGTH);
		Assert.isTrue(limit >= 1, () -> "limit must be at least 1, but is " + limit);
		Assert.notNull(window, "window must not be null");
		Assert.isTrue(window.toMillis() >= 1, () -> "window must be at least 1 ms, but is " + window);
		Assert.isTrue(window.compareTo(Duration.ofDays(366)) <= 0,
				() -> "window must be at most 366 days, but is " + window);
	}

}
