package dev.breakglass.store.jpa;

/**
 * The batched delete of expired rows that each {@link JpaExpiringStore} runs on its own
 * table: the one place that decides the batch size and the pause between batches.
 */
final class JpaExpiredRows {

	static final int BATCH_SIZE = 1000;

	private JpaExpiredRows() {
	}

	/**
	 * Run a delete of at most {@link #BATCH_SIZE} expired rows until a batch is not full.
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
			deleted = statements.update(operation, deleteBatch, BATCH_SIZE);
			total += deleted;
			if (deleted == BATCH_SIZE) {
				pause(System.nanoTime() - start);
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
