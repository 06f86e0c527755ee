package dev.breakglass.store.jpa;

import java.time.Duration;

/**
 * A jpa store whose rows expire and stay until deleted. The store owns its table, so it
 * owns the delete: {@link JpaExpiredRowSweeper} only calls it on a schedule.
 */
public interface JpaExpiringStore {

	/**
	 * Delete every expired row of the store's table, in batches that each commit on their
	 * own and skip rows another transaction holds, so a sweep never holds long locks and
	 * never waits for, or blocks, a consuming operation. After each full batch it pauses:
	 * twenty times as long as the batch took while {@code gentleFor} has not passed, so
	 * the takes running meanwhile keep their latency, and twice as long after that, so a
	 * backlog larger than the gentle pace clears still goes at a third of full speed.
	 * @param gentleFor how long the delete may run at the gentle pace
	 * @return how many rows were deleted
	 */
	int deleteExpired(Duration gentleFor);

}
