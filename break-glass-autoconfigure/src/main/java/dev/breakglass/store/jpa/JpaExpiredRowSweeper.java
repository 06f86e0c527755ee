package dev.breakglass.store.jpa;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Deletes the expired rows of the jpa tables at a fixed delay, on a daemon thread of its
 * own, while the application context runs. Between batches it pauses twice as long as the
 * batch took, so that reclaiming a large backlog never crowds out the stores' own
 * statements. A failed sweep is logged and retried at the next interval.
 */
public final class JpaExpiredRowSweeper implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(JpaExpiredRowSweeper.class);

	private final JpaStatements statements;

	private final List<JpaExpiringTable> tables;

	private final Duration interval;

	private @Nullable ScheduledExecutorService executor;

	/**
	 * Create a sweeper.
	 * @param statements runs the statements
	 * @param tables the tables to sweep
	 * @param interval the delay between the end of a sweep and the start of the next
	 */
	public JpaExpiredRowSweeper(JpaStatements statements, List<JpaExpiringTable> tables, Duration interval) {
		this.statements = statements;
		this.tables = List.copyOf(tables);
		this.interval = interval;
	}

	/**
	 * Sweep every table once, giving way to other statements between batches.
	 * @return how many rows were deleted
	 */
	public int sweep() {
		int total = 0;
		for (JpaExpiringTable table : this.tables) {
			total += table.deleteExpired(this.statements, true);
		}
		return total;
	}

	@Override
	public synchronized void start() {
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "break-glass-sweeper");
			thread.setDaemon(true);
			return thread;
		});
		long millis = this.interval.toMillis();
		this.executor.scheduleWithFixedDelay(this::sweepAndLog, millis, millis, TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

	private void sweepAndLog() {
		try {
			int deleted = sweep();
			if (logger.isDebugEnabled()) {
				logger.debug("Break-glass sweeper deleted " + deleted + " expired rows");
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Break-glass sweeper failed; it will try again in " + this.interval, ex);
		}
	}

}
