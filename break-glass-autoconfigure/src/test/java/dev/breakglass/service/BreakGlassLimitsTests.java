package dev.breakglass.service;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.breakglass.store.OtpVerification;
import dev.breakglass.store.memory.InMemoryAttemptCounterStore;
import dev.breakglass.store.memory.InMemoryBreakGlassTokenStore;
import dev.breakglass.store.memory.InMemoryOtpStore;
import dev.breakglass.test.MutableClock;
import dev.breakglass.test.Race;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The limits of the flow, at their defaults, on the memory backend with a clock the test
 * moves.
 */
@ExtendWith(OutputCaptureExtension.class)
class BreakGlassLimitsTests {

	private static final Duration OTP_TTL = Duration.ofMinutes(10);

	private static final Duration WINDOW = Duration.ofMinutes(15);

	private static final Duration LOCKOUT = Duration.ofMinutes(15);

	private final MutableClock clock = new MutableClock();

	private final List<String> sent = new CopyOnWriteArrayList<>();

	private final List<BreakGlassEvent> events = new CopyOnWriteArrayList<>();

	private final InMemoryOtpStore otpStore = new InMemoryOtpStore(this.clock, OTP_TTL, 6);

	private final BreakGlassAuditLog auditLog = new BreakGlassAuditLog();

	private final BreakGlassService service = new BreakGlassService(this.otpStore,
			new InMemoryBreakGlassTokenStore(this.clock, Duration.ofHours(1)),
			(otp, expiresAt, request) -> this.sent.add(otp), (event) -> {
				this.events.add((BreakGlassEvent) event);
				this.auditLog.onApplicationEvent((BreakGlassEvent) event);
			}, this.clock, OTP_TTL, Duration.ofHours(1),
			new BreakGlassLimits(new InMemoryAttemptCounterStore(this.clock), 3, 10, WINDOW, 5, LOCKOUT));

	@Test
	void aRequesterGetsThreeOtpsPerWindowThenIsThrottledUntilItEnds() {
		BreakGlassRequest alice = new BreakGlassRequest("alice", "incident");
		for (int i = 0; i < 3; i++) {
			this.service.requestOtp(alice);
			this.clock.advance(Duration.ofMinutes(1));
		}
		String pending = this.sent.get(2);
		assertThatExceptionOfType(BreakGlassThrottledException.class).isThrownBy(() -> this.service.requestOtp(alice))
			.satisfies((ex) -> {
				assertThat(ex.limit()).isEqualTo(BreakGlassLimit.REQUESTS_PER_REQUESTER);
				assertThat(ex.retryAfter()).isEqualTo(Duration.ofMinutes(12));
			});
		assertThat(this.sent).as("nothing sent").hasSize(3);
		assertThat(this.events).last().isInstanceOfSatisfying(BreakGlassThrottledEvent.class, (event) -> {
			assertThat(event.limit()).isEqualTo(BreakGlassLimit.REQUESTS_PER_REQUESTER);
			assertThat(event.request()).isEqualTo(alice);
		});
		assertThat(this.service.open(pending).requester()).as("the pending OTP is untouched").isEqualTo("alice");
		this.clock.advance(Duration.ofMinutes(12));
		this.service.requestOtp(alice);
		assertThat(this.sent).hasSize(4);
	}

	@Test
	void allRequestersTogetherGetTenOtpsPerWindow() {
		for (int i = 0; i < 10; i++) {
			this.service.requestOtp(new BreakGlassRequest("requester " + i, "rotating names"));
		}
		assertThatExceptionOfType(BreakGlassThrottledException.class)
			.isThrownBy(() -> this.service.requestOtp(new BreakGlassRequest("requester 10", "rotating names")))
			.satisfies((ex) -> assertThat(ex.limit()).isEqualTo(BreakGlassLimit.REQUESTS));
		assertThat(this.sent).hasSize(10);
	}

	@Test
	void aFloodUnderOneNameLeavesOtherRequestersTheirOtps() {
		BreakGlassRequest mallory = new BreakGlassRequest("mallory", "flood");
		for (int i = 0; i < 1000; i++) {
			try {
				this.service.requestOtp(mallory);
			}
			catch (BreakGlassThrottledException ex) {
				assertThat(ex.limit()).isEqualTo(BreakGlassLimit.REQUESTS_PER_REQUESTER);
			}
		}
		assertThat(this.sent).hasSize(3);
		for (int i = 0; i < 7; i++) {
			this.service.requestOtp(new BreakGlassRequest("operator " + i, "real incident"));
		}
		assertThat(this.sent).hasSize(10);
	}

	@Test
	void fiveFailedOpensLockOpensOutForFifteenMinutesWithAnAuditLine(CapturedOutput output) {
		this.service.requestOtp(new BreakGlassRequest("alice", "INC-1"));
		for (int i = 0; i < 5; i++) {
			assertThatExceptionOfType(BreakGlassDeniedException.class).isThrownBy(() -> this.service.open("000000x"));
		}
		assertThat(this.events).filteredOn(BreakGlassLockedOutEvent.class::isInstance)
			.singleElement()
			.isInstanceOfSatisfying(BreakGlassLockedOutEvent.class, (event) -> {
				assertThat(event.until()).isEqualTo(this.clock.instant().plus(LOCKOUT));
				assertThat(event.failedOpens()).isEqualTo(5);
				assertThat(event.requester()).as("the first failed open spent alice's OTP").isNull();
			});
		assertThat(output)
			.contains("break-glass event=locked-out principal=- requester=- reason=- failed-opens=5 until="
					+ this.clock.instant().plus(LOCKOUT));
		this.service.requestOtp(new BreakGlassRequest("bob", "INC-2"));
		String pending = this.sent.get(1);
		this.clock.advance(Duration.ofMinutes(5));
		assertThatExceptionOfType(BreakGlassThrottledException.class).isThrownBy(() -> this.service.open(pending))
			.satisfies((ex) -> {
				assertThat(ex.limit()).isEqualTo(BreakGlassLimit.FAILED_OPENS);
				assertThat(ex.retryAfter()).isEqualTo(Duration.ofMinutes(10));
			});
		this.clock.advance(Duration.ofMinutes(10).minusMillis(1));
		assertThatExceptionOfType(BreakGlassThrottledException.class).isThrownBy(() -> this.service.open(pending));
		this.clock.advance(Duration.ofMillis(1));
		this.service.requestOtp(new BreakGlassRequest("bob", "INC-2"));
		assertThat(this.service.open(this.sent.get(2)).requester()).isEqualTo("bob");
	}

	@Test
	void aThrottledOpenLeavesThePendingOtpForAfterTheLockout() {
		for (int i = 0; i < 5; i++) {
			assertThatExceptionOfType(BreakGlassDeniedException.class).isThrownBy(() -> this.service.open("123456"));
		}
		this.service.requestOtp(new BreakGlassRequest("bob", "INC-2"));
		assertThatExceptionOfType(BreakGlassThrottledException.class)
			.isThrownBy(() -> this.service.open(this.sent.get(0)));
		this.clock.advance(LOCKOUT.minusMinutes(6));
		this.clock.advance(Duration.ofMinutes(6));
		assertThatExceptionOfType(BreakGlassDeniedException.class).isThrownBy(() -> this.service.open(this.sent.get(0)))
			.satisfies((ex) -> assertThat(ex.reason()).as("still pending, now expired")
				.isEqualTo(OtpVerification.EXPIRED));
	}

	@Test
	void aSuccessfulOpenEndsTheRunOfFailures() {
		for (int i = 0; i < 4; i++) {
			assertThatExceptionOfType(BreakGlassDeniedException.class).isThrownBy(() -> this.service.open("123456"));
		}
		this.service.requestOtp(new BreakGlassRequest("alice", "INC-1"));
		this.service.open(this.sent.get(0));
		for (int i = 0; i < 4; i++) {
			assertThatExceptionOfType(BreakGlassDeniedException.class).isThrownBy(() -> this.service.open("123456"));
		}
		assertThat(this.events).noneMatch(BreakGlassLockedOutEvent.class::isInstance);
	}

	@Test
	void everySessionOpenedWritesAnAuditLineWithWhoWhyAndUntilWhen(CapturedOutput output) {
		this.service.requestOtp(new BreakGlassRequest("alice@example.com", "INC-4711: orders database down"));
		BreakGlassSession session = this.service.open(this.sent.get(0));
		assertThat(output).containsPattern("WARN .*break-glass event=session-opened principal=- "
				+ "requester=\"alice@example.com\" reason=\"INC-4711: orders database down\" until="
				+ session.expiresAt());
		assertThat(output).doesNotContain(session.token()).doesNotContain("OTP " + this.sent.get(0));
	}

	@Test
	void requestsRacedUnderOneNameNeverGetMoreThanTheLimitSent() throws Exception {
		BreakGlassRequest alice = new BreakGlassRequest("alice", "race");
		try (Race race = new Race()) {
			List<Object> results = race.run(() -> {
				try {
					return this.service.requestOtp(alice);
				}
				catch (BreakGlassThrottledException ex) {
					return ex.limit();
				}
			});
			assertThat(results).filteredOn(BreakGlassLimit.class::isInstance).hasSize(Race.THREADS - 3);
		}
		assertThat(this.sent).hasSize(3);
	}

	@Test
	void opensRacedNeverVerifyMoreThanTheLimit() throws Exception {
		try (Race race = new Race()) {
			List<Object> results = race.run(() -> {
				try {
					return this.service.open("123456");
				}
				catch (BreakGlassThrottledException ex) {
					return ex.limit();
				}
				catch (BreakGlassDeniedException ex) {
					return ex.reason();
				}
			});
			assertThat(results).filteredOn(OtpVerification.class::isInstance).hasSize(5);
			assertThat(results).filteredOn(BreakGlassLimit.FAILED_OPENS::equals).hasSize(Race.THREADS - 5);
		}
		assertThat(this.events).filteredOn(BreakGlassLockedOutEvent.class::isInstance).hasSize(1);
	}

}
