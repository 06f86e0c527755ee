package dev.breakglass.store.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.breakglass.store.AttemptCount;
import dev.breakglass.store.AttemptCounterStore;
import org.springframework.util.Assert;

/**
 * {@link AttemptCounterStore} in this JVM, shared by the threads of one node only. Each
 * count is one atomic update of the counter's entry; counters past their window are
 * reclaimed as new ones are written, so a flood of names cannot fill the heap.
 */
public final class InMemoryAttemptCounterStore implements AttemptCounterStore {

	private final Clock clock;

	private final ExpiringEntries<String, Counter> counters;

	/**
	 * Create a store.
	 * @param clock decides when windows end
	 */
	public InMemoryAttemptCounterStore(Clock clock) {
		Assert.notNull(clock, "clock must not be null");
		this.clock = clock;
		this.counters = new ExpiringEntries<>(clock, Counter::expiresAt);
	}

	@Override
	public AttemptCount countInWindow(String counter, int limit, Duration window) {
		return count(counter, limit, window, false);
	}

	@Override
	public AttemptCount countConsecutive(String counter, int limit, Duration lockout) {
		return count(counter, limit, lockout, true);
	}

	@Override
	public Optional<AttemptCount> peek(String counter, int limit) {
		AttemptCount.check(counter, limit, Duration.ofMillis(1));
		Instant now = this.clock.instant();
		Counter current = this.counters.get(counter);
		if (current == null || !now.isBefore(current.expiresAt())) {
			return Optional.empty();
		}
		return Optional.of(new AttemptCount(current.attempts(), limit, Duration.between(now, current.expiresAt())));
	}

	@Override
	public void reset(String counter) {
		Assert.notNull(counter, "counter must not be null");
		this.counters.remove(counter);
	}

	private AttemptCount count(String counter, int limit, Duration window, boolean restartWhenAllowed) {
		AttemptCount.check(counter, limit, window);
		Instant now = this.clock.instant();
		Counter counted = this.counters.compute(counter,
				(current) -> next(current, now, limit, window, restartWhenAllowed));
		return new AttemptCount(counted.attempts(), limit, Duration.between(now, counted.expiresAt()));
	}

	private static Counter next(@Nullable Counter current, Instant now, int limit, Duration window,
			boolean restartWhenAllowed) {
		if (current == null || !now.isBefore(current.expiresAt())) {
			return new Counter(1, now.plus(window));
		}
		if (current.attempts() < limit) {
			return new Counter(current.attempts() + 1, restartWhenAllowed ? now.plus(window) : current.expiresAt());
		}
		// refused: counts no further and does not extend the window
		return new Counter(limit + 1, current.expiresAt());
	}

	private record Counter(int attempts, Instant expiresAt) {
	}

}
