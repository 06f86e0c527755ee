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
 * Asks each {@link JpaExpiringStore} it is given to delete its expired rows, at a fixed
 * delay, on a daemon thread of its own, while the application context runs. A sweep goes
 * at the gentle pace of {@link JpaExpiringStore#deleteExpired(Duration)} for at most one
 * interval, then briskly, so it never crowds out the stores' own statements and still
 * keeps up with the rows that expire. A failed sweep is logged and retried at the next
 * interval.
 */
public final class JpaExpiredRowSweeper implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(JpaExpiredRowSweeper.class);

	private final List<JpaExpiringStore> stores;

	private final Duration interval;

	private @Nullable ScheduledExecutorService executor;

	/**
	 * Create a sweeper.
	 * @param stores the stores whose expired rows to delete
	 * @param interval the delay between the end of a sweep and the start of the next
	 */
	public JpaExpiredRowSweeper(List<JpaExpiringStore> stores, Duration interval) {
		this.stores = List.copyOf(stores);
		this.interval = interval;
	}

	/**
	 * Sweep every store once, gently for at most one interval in all.
	 * @return how many rows were deleted
	 */
	public int sweep() {
		long gentleUntil = System.nanoTime() + this.interval.toNanos();
		int total = 0;
		for (JpaExpiringStore store : this.stores) {
			total += store.deleteExpired(Duration.ofNanos(Math.max(0, gentleUntil - System.nanoTime())));
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
