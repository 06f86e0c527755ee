package dev.breakglass.store.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.breakglass.test.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class ExpiringEntriesTests {

	private final MutableClock clock = new MutableClock();

	private final ExpiringEntries<String, Instant> entries = new ExpiringEntries<>(this.clock,
			(expiresAt) -> expiresAt);

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

	/**
	 * With many writers on few cores, the thread of a long sweep can get little CPU. Were
	 * no other sweep to fall due until it finished, the writers would outgrow it (16
	 * threads on 2 cores grew a map of 130,000 live entries past 6 million in 15 s).
	 */
	@Test
	void aSweepFallsDueWhileTheLastOneIsStillRunning() throws Exception {
		CountDownLatch sweeping = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicReference<Thread> slow = new AtomicReference<>();
		Clock stallsTheSlowThread = new Clock() {

			@Override
			public Instant instant() {
				if (Thread.currentThread() == slow.get()) {
					sweeping.countDown();
					try {
						release.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
				return ExpiringEntriesTests.this.clock.instant();
			}

			@Override
			public ZoneId getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(ZoneId zone) {
				throw new UnsupportedOperationException();
			}

		};
		ExpiringEntries<String, Instant> entries = new ExpiringEntries<>(stallsTheSlowThread, (expiresAt) -> expiresAt);
		for (int i = 0; i < ExpiringEntries.MIN_WRITES_BETWEEN_SWEEPS - 1; i++) {
			entries.put("live-" + i, this.clock.instant().plusSeconds(60));
		}
		slow.set(new Thread(() -> entries.put("slow", this.clock.instant().plusSeconds(60))));
		slow.get().start();
		try {
			assertThat(sweeping.await(10, TimeUnit.SECONDS)).as("the slow thread's write began a sweep").isTrue();
			entries.put("expired", this.clock.instant());
			for (int i = 0; i < ExpiringEntries.MIN_WRITES_BETWEEN_SWEEPS - 1; i++) {
				assertThat(entries.get("expired")).isNotNull();
				entries.put("more-" + i, this.clock.instant().plusSeconds(60));
			}
			assertThat(entries.get("expired")).as("swept while the slow sweep still runs").isNull();
			assertThat(slow.get().isAlive()).isTrue();
		}
		finally {
			release.countDown();
			slow.get().join();
		}
		assertThat(entries.get("slow")).isNotNull();
	}

	@Test
	void sweepKeepsLiveEntriesAndCountsWhatItRemoves() {
		this.entries.put("expires-now", this.clock.instant());
		this.entries.put("live", this.clock.instant().plusMillis(1));
		assertThat(this.entries.sweep()).isOne();
		assertThat(this.entries.get("live")).isNotNull();
	}

}
