package dev.breakglass.store.jpa;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.OptionalInt;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.scheduling.support.CronTrigger;

/**
 * Asks each {@link JpaExpiringStore} it is given to delete its expired rows, on a cron
 * schedule, on a daemon thread of its own, while the application context runs; one node
 * at a time where several share the database, under a PostgreSQL advisory lock that a
 * node finding it taken skips its turn on. A sweep goes at the gentle pace of
 * {@link JpaExpiringStore#deleteExpired(Duration)} for at most the time between two
 * scheduled sweeps, then briskly. A failed sweep is logged and retried at the next one.
 */
public final class JpaExpiredRowSweeper implements SmartLifecycle {

	/** The cron expression that schedules no sweep, as Spring's {@code @Scheduled}. */
	public static final String DISABLED = "-";

	private static final String LOCK = "break-glass expired-row sweeper";

	private static final Log logger = LogFactory.getLog(JpaExpiredRowSweeper.class);

	private final List<JpaExpiringStore> stores;

	private final JpaStatements statements;

	private final String cron;

	private final Duration gentleFor;

	private @Nullable ThreadPoolTaskScheduler scheduler;

	/**
	 * Create a sweeper.
	 * @param stores the stores whose expired rows to delete
	 * @param statements the statements whose database holds the lock
	 * @param cron when to sweep: a Spring cron expression (six fields, seconds first), or
	 * {@link #DISABLED} to sweep only when {@link #sweep()} is called
	 * @throws IllegalArgumentException if the expression is invalid
	 */
	public JpaExpiredRowSweeper(List<JpaExpiringStore> stores, JpaStatements statements, String cron) {
		this.stores = List.copyOf(stores);
		this.statements = statements;
		this.cron = cron;
		this.gentleFor = DISABLED.equals(cron) ? Duration.ofMinutes(5) : period(CronExpression.parse(cron));
	}

	private static Duration period(CronExpression expression) {
		LocalDateTime first = expression.next(LocalDateTime.now());
		LocalDateTime second = (first != null) ? expression.next(first) : null;
		if (first == null || second == null) {
			throw new IllegalArgumentException("the cron expression '" + expression + "' never fires twice");
		}
		return Duration.between(first, second);
	}

	/**
	 * Sweep every store once, gently for at most the time between two scheduled sweeps,
	 * unless another node is sweeping the same schema.
	 * @return how many rows were deleted, or empty if another node holds the sweeper's
	 * lock
	 */
	public OptionalInt sweep() {
		return this.statements.whileHoldingLock("take the sweeper's lock", LOCK, this::sweepStores)
			.map(OptionalInt::of)
			.orElseGet(OptionalInt::empty);
	}

	private int sweepStores() {
		long gentleUntil = System.nanoTime() + this.gentleFor.toNanos();
		int total = 0;
		for (JpaExpiringStore store : this.stores) {
			total += store.deleteExpired(Duration.ofNanos(Math.max(0, gentleUntil - System.nanoTime())));
		}
		return total;
	}

	@Override
	public synchronized void start() {
		if (DISABLED.equals(this.cron)) {
			return;
		}
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setThreadNamePrefix("break-glass-sweeper-");
		scheduler.setDaemon(true);
		// stop() interrupts a running sweep and waits for its batch in flight, so no
		// sweep outlives the context's data source
		scheduler.setAwaitTerminationSeconds(30);
		scheduler.initialize();
		scheduler.schedule(this::sweepAndLog, new CronTrigger(this.cron));
		this.scheduler = scheduler;
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdown();
			this.scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

	private void sweepAndLog() {
		try {
			OptionalInt deleted = sweep();
			if (logger.isDebugEnabled()) {
				logger.debug(deleted.isPresent() ? "Break-glass sweeper deleted " + deleted.getAsInt() + " expired rows"
						: "Break-glass sweeper skipped its turn: another node is sweeping");
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Break-glass sweeper failed; it will try again at its next scheduled time", ex);
		}
	}

}
