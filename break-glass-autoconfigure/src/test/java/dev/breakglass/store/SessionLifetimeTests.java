package dev.breakglass.store;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SessionLifetimeTests {

	private static final Instant ISSUED = Instant.parse("2026-12-07T10:00:00Z");

	@Test
	void aUseMovesTheDeadlineToTheIdleTimeoutFromNowNeverPastTheTtl() {
		SessionLifetime lifetime = new SessionLifetime(Duration.ofHours(1), Duration.ofMinutes(10));
		assertThat(lifetime.initialDeadline(ISSUED)).isEqualTo(ISSUED.plus(Duration.ofMinutes(10)));
		assertThat(lifetime.deadlineAfterUse(ISSUED, ISSUED.plus(Duration.ofMinutes(5))))
			.isEqualTo(ISSUED.plus(Duration.ofMinutes(15)));
		assertThat(lifetime.deadlineAfterUse(ISSUED, ISSUED.plus(Duration.ofMinutes(55))))
			.isEqualTo(ISSUED.plus(Duration.ofHours(1)));
	}

	@Test
	void aUseIsWrittenOnlyWhenItMovesTheDeadlineByAStepOfATenthOfTheIdleTimeoutAtMostASecond() {
		SessionLifetime lifetime = new SessionLifetime(Duration.ofHours(1), Duration.ofMinutes(10));
		assertThat(lifetime.step()).isEqualTo(Duration.ofSeconds(1));
		Instant deadline = ISSUED.plus(Duration.ofMinutes(10));
		assertThat(lifetime.moves(deadline, deadline.plusMillis(999))).isFalse();
		assertThat(lifetime.moves(deadline, deadline.plusSeconds(1))).isTrue();
		assertThat(new SessionLifetime(Duration.ofSeconds(3), Duration.ofSeconds(2)).step())
			.isEqualTo(Duration.ofMillis(200));
	}

	@Test
	void withoutAnIdleTimeoutShorterThanTheTtlNothingMoves() {
		for (SessionLifetime lifetime : new SessionLifetime[] { SessionLifetime.of(Duration.ofHours(1)),
				new SessionLifetime(Duration.ofHours(1), Duration.ofHours(2)) }) {
			assertThat(lifetime.hasIdleTimeout()).isFalse();
			assertThat(lifetime.initialDeadline(ISSUED)).isEqualTo(ISSUED.plus(Duration.ofHours(1)));
			assertThat(lifetime.deadlineAfterUse(ISSUED, ISSUED.plusSeconds(60)))
				.isEqualTo(ISSUED.plus(Duration.ofHours(1)));
			assertThat(lifetime.moves(ISSUED, ISSUED.plus(Duration.ofHours(1)))).isFalse();
		}
	}

	@Test
	void anIdleTimeoutThatIsNotPositiveAndBoundedIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SessionLifetime(Duration.ofHours(1), Duration.ZERO))
			.withMessageContaining("idle timeout must be positive");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SessionLifetime(Duration.ofHours(1), Duration.ofDays(400)))
			.withMessageContaining("idle timeout must be positive");
	}

}
