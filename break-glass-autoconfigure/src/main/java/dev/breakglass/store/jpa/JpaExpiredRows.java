package dev.breakglass.store.jpa;

import java.time.Duration;

/**
 * The batched delete of expired rows that each {@link JpaExpiringStore} runs on its own
 * table: the one place that decides the batch size and the pace. Each batch is one
 * statement, committed on its own without waiting for the disk, and skips rows another
 * transaction holds, so a sweep never holds long locks and never waits for, or blocks, a
 * take.
 */
final class JpaExpiredRows {

	static final int BATCH_SIZE = 250;

	// While the sweep is within its time, its share of the time is 1 / (1 + this): the
	// WAL it writes then barely delays the commits of concurrent takes.
	private static final int GENTLE_PAUSE_FACTOR = 20;

	// Past its time, a backlog is larger than the gentle pace clears in one interval:
	// the sweep takes a third of the time, so expired rows never pile up.
	private static final int BRISK_PAUSE_FACTOR = 2;

	private JpaExpiredRows() {
	}

	/**
	 * Run a delete of at most {@link #BATCH_SIZE} expired rows until a batch is not full.
	 * After each full batch it pauses {@value #GENTLE_PAUSE_FACTOR} times as long as the
	 * batch took while {@code gentleFor} has not passed, and {@value #BRISK_PAUSE_FACTOR}
	 * times as long after that. An interrupt stops it after the batch in flight; the next
	 * sweep deletes the rest.
	 * @param statements runs the statements
	 * @param operation what the delete does, for the message of a failure
	 * @param deleteBatch the delete, with the batch size as its one parameter
	 * @param gentleFor how long the delete may run at the gentle pace
	 * @return how many rows were deleted
	 */
	static int delete(JpaStatements statements, String operation, String deleteBatch, Duration gentleFor) {
		long gentleUntil = System.nanoTime() + gentleFor.toNanos();
		int total = 0;
		int deleted;
		do {
			long start = System.nanoTime();
			// A batch lost in a crash of the server leaves expired rows, which no read
			// answers with and the next sweep deletes: no need to wait for the disk.
			deleted = statements.updateLosable(operation, deleteBatch, BATCH_SIZE);
			total += deleted;
			if (deleted == BATCH_SIZE) {
				int factor = (start - gentleUntil < 0) ? GENTLE_PAUSE_FACTOR : BRISK_PAUSE_FACTOR;
				pause(factor * (System.nanoTime() - start));
			}
		}
		while (deleted == BATCH_SIZE && !Thread.currentThread().isInterrupted());
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
