package dev.breakglass.store.memory;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * A concurrent map whose expired entries are reclaimed as it is written to: after half as
 * many writes as it held entries when the last sweep began (and at least
 * {@value #MIN_WRITES_BETWEEN_SWEEPS}), a write sweeps it first, whether or not that
 * sweep has finished. So sweeping keeps pace with any number of writers, even when the
 * thread of a long sweep gets little CPU: each sweep that falls due takes one writer off
 * writing. The cost is amortized O(1) per write, and under steady traffic the map holds
 * at most about twice its live entries. Each removal is atomic, so a sweep and a racing
 * take never both get an entry, and sweeps may overlap.
 *
 * @param <K> the type of the keys
 * @param <V> the type of the values
 */
final class ExpiringEntries<K, V> {

	static final int MIN_WRITES_BETWEEN_SWEEPS = 1024;

	private final Map<K, V> entries = new ConcurrentHashMap<>();

	private final AtomicInteger writesUntilSweep = new AtomicInteger(MIN_WRITES_BETWEEN_SWEEPS);

	private final Clock clock;

	private final Function<V, Instant> expiresAt;

	ExpiringEntries(Clock clock, Function<V, Instant> expiresAt) {
		this.clock = clock;
		this.expiresAt = expiresAt;
	}

	@Nullable V putIfAbsent(K key, V value) {
		sweepIfDue();
		return this.entries.putIfAbsent(key, value);
	}

	void put(K key, V value) {
		sweepIfDue();
		this.entries.put(key, value);
	}

	/**
	 * Atomically replace a key's value with what a function makes of the current one.
	 * @param key the key
	 * @param update makes the new value of the current one ({@code null} when absent)
	 * @return the new value
	 */
	V compute(K key, Function<@Nullable V, V> update) {
		sweepIfDue();
		return this.entries.compute(key, (ignored, current) -> update.apply(current));
	}

	@Nullable V get(K key) {
		return this.entries.get(key);
	}

	@Nullable V remove(K key) {
		return this.entries.remove(key);
	}

	boolean remove(K key, V expected) {
		return this.entries.remove(key, expected);
	}

	boolean replace(K key, V expected, V replacement) {
		return this.entries.replace(key, expected, replacement);
	}

	boolean isLive(V value) {
		return this.clock.instant().isBefore(this.expiresAt.apply(value));
	}

	int sweep() {
		int removed = 0;
		for (Map.Entry<K, V> entry : this.entries.entrySet()) {
			if (!isLive(entry.getValue()) && this.entries.remove(entry.getKey(), entry.getValue())) {
				removed++;
			}
		}
		return removed;
	}

	private void sweepIfDue() {
		// Exactly one write counts down to zero; it starts the next countdown before it
		// sweeps, so that the next sweep falls due even if this one is slow.
		if (this.writesUntilSweep.decrementAndGet() == 0) {
			this.writesUntilSweep.set(Math.max(MIN_WRITES_BETWEEN_SWEEPS, this.entries.size() / 2));
			sweep();
		}
	}

}
