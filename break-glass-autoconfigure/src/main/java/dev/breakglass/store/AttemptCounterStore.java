package dev.breakglass.store;

import java.time.Duration;
import java.util.Optional;

/**
 * Counters of attempts, shared by every node on the backend, behind the break-glass
 * limits. Each count is one atomic step (one statement, one single-key script), so of any
 * number of racing attempts on any nodes never more than the limit are allowed, and an
 * attempt is counted before the caller does anything with it. Counters are named by the
 * caller; backends never use a name in a key unhashed, so no name can break their key
 * layout. A counter past its window is forgotten.
 */
public interface AttemptCounterStore {

	/**
	 * Count an attempt in a fixed window that starts with the first attempt counted and
	 * lasts {@code window}: at most {@code limit} attempts of a window are allowed.
	 * Refused attempts neither extend the window nor count beyond the limit.
	 * @param counter the counter's name
	 * @param limit how many attempts a window allows, at least 1
	 * @param window how long a window lasts
	 * @return the count, with whether this attempt is allowed and when the window ends
	 */
	AttemptCount countInWindow(String counter, int limit, Duration window);

	/**
	 * Count one of consecutive attempts: every allowed attempt restarts the window, so
	 * {@code limit} attempts with less than {@code lockout} between them lock the counter
	 * until {@code lockout} after the last of them. Refused attempts do not extend the
	 * lockout. {@link #reset} ends the run, as a success does.
	 * @param counter the counter's name
	 * @param limit how many consecutive attempts are allowed, at least 1
	 * @param lockout how long the counter stays locked after the last allowed one
	 * @return the count, with whether this attempt is allowed and when the lockout (or
	 * the run, while not locked) ends
	 */
	AttemptCount countConsecutive(String counter, int limit, Duration lockout);

	/**
	 * Tell a counter's count without counting, for operators. A read: it changes nothing.
	 * @param counter the counter's name
	 * @param limit the limit the counter is counted against, at least 1
	 * @return the count, with when its window or lockout ends, if the counter is live
	 * @throws UnsupportedOperationException if the store cannot tell
	 */
	default Optional<AttemptCount> peek(String counter, int limit) {
		throw new UnsupportedOperationException(getClass().getName() + " cannot tell a count");
	}

	/**
	 * Forget a counter.
	 * @param counter the counter's name
	 */
	void reset(String counter);

}
