package dev.breakglass.store.jpa;

/**
 * The batched delete of expired rows that each {@link JpaExpiringStore} runs on its own
 * table: the one place that decides the batch size and the pause between batches. Each
 * batch is one statement, committed on its own without waiting for the disk, and skips
 * rows another transaction holds, so a sweep never holds long locks and never waits for,
 * or blocks, a take.
 */
final class JpaExpiredRows {

	static final int BATCH_SIZE = 250;

	// The sweep's share of the time while it reclaims a backlog is 1 / (1 + this).
	private static final int PAUSE_FACTOR = 2;

	private JpaExpiredRows() {
	}

	/**
	 * Run a delete of at most {@link #BATCH_SIZE} expired rows until a batch is not full,
	 * pausing after each full batch {@value #PAUSE_FACTOR} times as long as it took, so
	 * that a large backlog is reclaimed at a third of full speed and concurrent takes
	 * keep their latency.
	 * @param statements runs the statements
	 * @param operation what the delete does, for the message of a failure
	 * @param deleteBatch the delete, with the batch size as its one parameter
	 * @return how many rows were deleted
	 */
	static int delete(JpaStatements statements, String operation, String deleteBatch) {
		int total = 0;
		int deleted;
		do {
			long start = System.nanoTime();
			// A batch lost in a crash of the server leaves expired rows, which no read
			// answers with and the next sweep deletes: no need to wait for the disk.
			deleted = statements.updateLosable(operation, deleteBatch, BATCH_SIZE);
			total += deleted;
			if (deleted == BATCH_SIZE) {
				pause(PAUSE_FACTOR * (System.nanoTime() - start));
			}
		}
		while (deleted == BATCH_SIZE);
		return total;
	}

	private static void pause(long nanos) {
		try {
			Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
