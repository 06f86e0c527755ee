package dev.breakglass.store;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.breakglass.test.Race;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What every {@link AttemptCounterStore} promises. Each backend extends this class.
 */
public abstract class AbstractAttemptCounterStoreContractTests {

	private static final Duration WINDOW = Duration.ofMinutes(15);

	private static final int ROUNDS = 20;

	private AttemptCounterStore store;

	/**
	 * Create the store under test, empty.
	 * @return the store
	 */
	protected abstract AttemptCounterStore createStore();

	/**
	 * Let time pass for the store, by the clock that decides when windows end.
	 * @param duration how much
	 */
	protected abstract void elapse(Duration duration);

	@BeforeEach
	void createStoreUnderTest() {
		this.store = createStore();
	}

	@Test
	void countInWindowAllowsTheLimitThenRefusesUntilTheWindowEnds() {
		for (int i = 1; i <= 3; i++) {
			AttemptCount count = this.store.countInWindow("alice", 3, WINDOW);
			assertThat(count.attempts()).isEqualTo(i);
			assertThat(count.isAllowed()).isTrue();
			assertThat(count.isLast()).isEqualTo(i == 3);
		}
		AttemptCount refused = this.store.countInWindow("alice", 3, WINDOW);
		assertThat(refused.isAllowed()).isFalse();
		assertThat(refused.isLast()).isFalse();
		assertThat(refused.resetsIn()).isPositive().isLessThanOrEqualTo(WINDOW);
		elapse(WINDOW.minusSeconds(1));
		assertThat(this.store.countInWindow("alice", 3, WINDOW).isAllowed()).isFalse();
		elapse(Duration.ofSeconds(1));
		AttemptCount next = this.store.countInWindow("alice", 3, WINDOW);
		assertThat(next.attempts()).isOne();
		assertThat(next.resetsIn()).isBetween(WINDOW.minusSeconds(5), WINDOW);
	}

	@Test
	void countInWindowKeepsTheWindowOfTheFirstAttempt() {
		this.store.countInWindow("alice", 3, WINDOW);
		elapse(Duration.ofMinutes(10));
		AttemptCount second = this.store.countInWindow("alice", 3, WINDOW);
		assertThat(second.resetsIn()).isBetween(Duration.ofMinutes(5).minusSeconds(5), Duration.ofMinutes(5));
	}

	@Test
	void refusedAttemptsNeitherCountOnNorExtendTheWindow() {
		for (int i = 0; i < 10; i++) {
			this.store.countInWindow("alice", 2, WINDOW);
		}
		elapse(Duration.ofMinutes(10));
		AttemptCount refused = this.store.countInWindow("alice", 2, WINDOW);
		assertThat(refused.attempts()).isEqualTo(3);
		assertThat(refused.resetsIn()).isBetween(Duration.ofMinutes(5).minusSeconds(5), Duration.ofMinutes(5));
		elapse(Duration.ofMinutes(5));
		assertThat(this.store.countInWindow("alice", 2, WINDOW).isAllowed()).isTrue();
	}

	@Test
	void countersAreIndependentWhateverTheirNames() {
		this.store.countInWindow("otp-requests:alice", 1, WINDOW);
		assertThat(this.store.countInWindow("otp-requests:alice", 1, WINDOW).isAllowed()).isFalse();
		assertThat(this.store.countInWindow("otp-requests:alice ", 1, WINDOW).isAllowed()).isTrue();
		assertThat(this.store.countInWindow("otp-requests:ALICE", 1, WINDOW).isAllowed()).isTrue();
		assertThat(this.store.countInWindow("otp-requests", 1, WINDOW).isAllowed()).isTrue();
	}

	@ParameterizedTest
	@MethodSource("dev.breakglass.store.AbstractAttemptCounterStoreContractTests#unusualNames")
	void anyNameIsACounterOfItsOwn(String name) {
		assertThat(this.store.countInWindow(name, 1, WINDOW).isAllowed()).isTrue();
		assertThat(this.store.countInWindow(name, 1, WINDOW).isAllowed()).isFalse();
		this.store.reset(name);
		assertThat(this.store.countInWindow(name, 1, WINDOW).isAllowed()).isTrue();
	}

	static Stream<String> unusualNames() {
		return Stream.of("x".repeat(AttemptCount.MAX_COUNTER_LENGTH), "*", "a:b:{c}", "名前 😀", "' OR 1=1 --",
				"line\nbreak", "break-glass:otp");
	}

	@Test
	void countConsecutiveLocksAfterTheLimitUntilTheLockoutAfterTheLastAttempt() {
		this.store.countConsecutive("opens", 3, WINDOW);
		elapse(Duration.ofMinutes(10));
		this.store.countConsecutive("opens", 3, WINDOW);
		elapse(Duration.ofMinutes(10));
		AttemptCount last = this.store.countConsecutive("opens", 3, WINDOW);
		assertThat(last.isAllowed()).isTrue();
		assertThat(last.isLast()).isTrue();
		assertThat(last.resetsIn()).isBetween(WINDOW.minusSeconds(5), WINDOW);
		elapse(Duration.ofMinutes(10));
		AttemptCount locked = this.store.countConsecutive("opens", 3, WINDOW);
		assertThat(locked.isAllowed()).isFalse();
		assertThat(locked.resetsIn()).as("a refused attempt does not extend the lockout")
			.isBetween(Duration.ofMinutes(5).minusSeconds(5), Duration.ofMinutes(5));
		elapse(Duration.ofMinutes(5).minusSeconds(1));
		assertThat(this.store.countConsecutive("opens", 3, WINDOW).isAllowed()).isFalse();
		elapse(Duration.ofSeconds(1));
		AttemptCount after = this.store.countConsecutive("opens", 3, WINDOW);
		assertThat(after.isAllowed()).isTrue();
		assertThat(after.attempts()).isOne();
	}

	@Test
	void countConsecutiveForgetsAttemptsALockoutApart() {
		this.store.countConsecutive("opens", 2, WINDOW);
		elapse(WINDOW);
		assertThat(this.store.countConsecutive("opens", 2, WINDOW).attempts()).isOne();
	}

	@Test
	void resetEndsARunAndALockout() {
		this.store.countConsecutive("opens", 1, WINDOW);
		assertThat(this.store.countConsecutive("opens", 1, WINDOW).isAllowed()).isFalse();
		this.store.reset("opens");
		assertThat(this.store.countConsecutive("opens", 1, WINDOW).attempts()).isOne();
		this.store.reset("never counted");
	}

	@Test
	void badArgumentsAreRejectedAndCountNothing() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.countInWindow(null, 1, WINDOW));
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.countInWindow(" ", 1, WINDOW))
			.withMessageContaining("counter");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.store.countInWindow("x".repeat(AttemptCount.MAX_COUNTER_LENGTH + 1), 1, WINDOW));
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.countInWindow("a\0b", 1, WINDOW));
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.countInWindow("a", 0, WINDOW))
			.withMessageContaining("limit");
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.countConsecutive("a", 1, Duration.ZERO))
			.withMessageContaining("window");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.store.countConsecutive("a", 1, Duration.ofMinutes(-1)));
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.countInWindow("a", 1, null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.reset(null));
		assertThat(this.store.countInWindow("a", 1, WINDOW).attempts()).isOne();
	}

	@Test
	void countInWindowWhenRacedThenNeverMoreThanTheLimitAreAllowed() throws Exception {
		try (Race race = new Race()) {
			for (int round = 0; round < ROUNDS; round++) {
				String counter = "race-" + round;
				List<AttemptCount> counts = race.run(() -> this.store.countInWindow(counter, 5, WINDOW));
				assertThat(counts).as("round %d", round).filteredOn(AttemptCount::isAllowed).hasSize(5);
				assertThat(counts).filteredOn(AttemptCount::isLast).hasSize(1);
			}
		}
	}

	@Test
	void countConsecutiveWhenRacedThenNeverMoreThanTheLimitAreAllowed() throws Exception {
		try (Race race = new Race()) {
			for (int round = 0; round < ROUNDS; round++) {
				String counter = "race-" + round;
				List<AttemptCount> counts = race.run(() -> this.store.countConsecutive(counter, 5, WINDOW));
				assertThat(counts).as("round %d", round).filteredOn(AttemptCount::isAllowed).hasSize(5);
				assertThat(counts).filteredOn(AttemptCount::isLast).hasSize(1);
			}
		}
	}

	@Test
	void peekTellsTheCountWithoutCountingUntilTheWindowEnds() {
		assertThat(this.store.peek("alice", 3)).isEmpty();
		this.store.countInWindow("alice", 3, WINDOW);
		this.store.countInWindow("alice", 3, WINDOW);
		AttemptCount peeked = this.store.peek("alice", 3).orElseThrow();
		assertThat(peeked.attempts()).isEqualTo(2);
		assertThat(peeked.limit()).isEqualTo(3);
		assertThat(peeked.resetsIn()).isPositive().isLessThanOrEqualTo(WINDOW);
		assertThat(this.store.peek("alice", 3).orElseThrow().attempts()).as("peek counts nothing").isEqualTo(2);
		assertThat(this.store.countInWindow("alice", 3, WINDOW).attempts()).isEqualTo(3);
		assertThat(this.store.peek("bob", 3)).isEmpty();
		elapse(WINDOW);
		assertThat(this.store.peek("alice", 3)).isEmpty();
	}

	@Test
	void peekTellsALockoutUntilItEndsAndNothingAfterAReset() {
		for (int i = 0; i < 4; i++) {
			this.store.countConsecutive("opens", 3, WINDOW);
		}
		AttemptCount locked = this.store.peek("opens", 3).orElseThrow();
		assertThat(locked.attempts()).isGreaterThanOrEqualTo(3);
		assertThat(locked.isAllowed()).isFalse();
		this.store.reset("opens");
		assertThat(this.store.peek("opens", 3)).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.peek("opens", 0));
	}

}
