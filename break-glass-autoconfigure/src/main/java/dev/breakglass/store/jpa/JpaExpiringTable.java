package dev.breakglass.store.jpa;

/**
 * The jpa tables whose rows expire, and the batched delete that reclaims them. Each batch
 * is one statement, committed on its own without waiting for the disk, and skips rows
 * another transaction holds, so a sweep never holds long locks and never waits for, or
 * blocks, a take.
 */
public enum JpaExpiringTable {

	AUTHORIZATION_CODE("break_glass_authorization_code", "code_hash"),

	METADATA_CACHE("break_glass_metadata_cache", "url"),

	ONE_TIME_TOKEN("break_glass_one_time_token", "token_hash");

	/**
	 * Most rows one batch deletes.
	 */
	public static final int BATCH_SIZE = 250;

	// The sweeper's share of the time while it reclaims a backlog is 1 / (1 + this).
	private static final int PAUSE_FACTOR = 2;

	private final String table;

	private final String deleteBatch;

	JpaExpiringTable(String table, String key) {
		this.table = table;
		this.deleteBatch = """
				DELETE FROM %1$s WHERE %2$s IN (
				    SELECT %2$s FROM %1$s WHERE expires_at <= statement_timestamp()
				    LIMIT ? FOR UPDATE SKIP LOCKED)
				""".formatted(table, key);
	}

	/**
	 * The table's name.
	 * @return the name
	 */
	public String table() {
		return this.table;
	}

	/**
	 * Delete every expired row, batch after batch.
	 * @param statements runs the statements
	 * @return how many rows were deleted
	 */
	public int deleteExpired(JpaStatements statements) {
		return deleteExpired(statements, false);
	}

	/**
	 * Delete every expired row, batch after batch, optionally pausing after each batch
	 * {@value #PAUSE_FACTOR} times as long as it took, so that a large backlog is
	 * reclaimed at a third of full speed and concurrent takes keep their latency.
	 * @param statements runs the statements
	 * @param yieldBetweenBatches whether to pause between batches
	 * @return how many rows were deleted
	 */
	public int deleteExpired(JpaStatements statements, boolean yieldBetweenBatches) {
		int total = 0;
		int deleted;
		do {
			long start = System.nanoTime();
			// A batch lost in a crash of the server leaves expired rows, which no read
			// answers with and the next sweep deletes: no need to wait for the disk.
			deleted = statements.updateLosable("delete expired rows of " + this.table, this.deleteBatch, BATCH_SIZE);
			total += deleted;
			if (yieldBetweenBatches && deleted == BATCH_SIZE) {
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
