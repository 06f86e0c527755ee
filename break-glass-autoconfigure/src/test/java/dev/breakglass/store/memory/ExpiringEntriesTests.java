package dev.breakglass.store.memory;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.breakglass.test.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class ExpiringEntriesTests {

	private final MutableClock clock = new MutableClock();

	private final ExpiringEntries<Instant> entries = new ExpiringEntries<>(this.clock, (expiresAt) -> expiresAt);

	@Test
	void steadyTrafficOfUnredeemedEntriesStaysBounded() {
		// 100 writes a second, each living 60 seconds: about 6,000 live entries at a time
		int maxSize = 0;
		// entries expire in the order they were written, so those still held are the
		// ones from the oldest still there to the newest
		int oldestHeld = 0;
		for (int i = 0; i < 200_000; i++) {
			if (i % 100 == 0) {
				this.clock.advance(Duration.ofSeconds(1));
			}
			this.entries.put("key-" + i, this.clock.instant().plusSeconds(60));
			while (this.entries.get("key-" + oldestHeld) == null) {
				oldestHeld++;
			}
			maxSize = Math.max(maxSize, i - oldestHeld + 1);
		}
		assertThat(maxSize).isLessThanOrEqualTo(2 * 6_000 + ExpiringEntries.MIN_WRITES_BETWEEN_SWEEPS);
	}

	@Test
	void writesBelowTheSweepIntervalDoNotSweep() {
		this.entries.put("expired", this.clock.instant().plusSeconds(1));
		this.clock.advance(Duration.ofSeconds(2));
		for (int i = 0; i < ExpiringEntries.MIN_WRITES_BETWEEN_SWEEPS - 2; i++) {
			this.entries.put("key-" + i, this.clock.instant().plusSeconds(60));
		}
		assertThat(this.entries.get("expired")).isNotNull();
		this.entries.put("one-more", this.clock.instant().plusSeconds(60));
		assertThat(this.entries.get("expired")).isNull();
		assertThat(this.entries.get("one-more")).isNotNull();
	}

	@Test
	void sweepKeepsLiveEntriesAndCountsWhatItRemoves() {
		this.entries.put("expires-now", this.clock.instant());
		this.entries.put("live", this.clock.instant().plusMillis(1));
		assertThat(this.entries.sweep()).isOne();
		assertThat(this.entries.get("live")).isNotNull();
	}

}
