package dev.breakglass.store.jpa;

/**
 * A jpa store whose rows expire and stay until deleted. The store owns its table, so it
 * owns the delete: {@link JpaExpiredRowSweeper} only calls it on a schedule.
 */
public interface JpaExpiringStore {

	/**
	 * Delete every expired row of the store's table, in batches that each commit on their
	 * own and skip rows another transaction holds, so a sweep never holds long locks and
	 * never waits for, or blocks, a consuming operation. After a full batch it pauses as
	 * long as the batch took, so a large backlog never crowds out the stores' own
	 * statements.
	 * @return how many rows were deleted
	 */
	int deleteExpired();

}
