package dev.breakglass.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.breakglass.test.Race;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What every {@link OneTimeTokenStore} promises. Each backend extends this class.
 */
public abstract class AbstractOneTimeTokenStoreContractTests {

	private static final Duration TTL = Duration.ofMinutes(15);

	private static final int ROUNDS = 100;

	private OneTimeTokenStore store;

	/**
	 * Create the store under test, empty.
	 * @return the store
	 */
	protected abstract OneTimeTokenStore createStore();

	/**
	 * Let time pass for the store, by the clock that decides its expiry.
	 * @param duration how much
	 */
	protected abstract void elapse(Duration duration);

	/**
	 * The time by the clock that decides the store's expiry.
	 * @return the instant
	 */
	protected abstract Instant now();

	@BeforeEach
	void createStoreUnderTest() {
		this.store = createStore();
	}

	@Test
	void issueReturns32RandomBytesAsLowercaseHex() {
		String token = this.store.issue("alice", TokenKind.MAGIC_LINK, TTL);
		assertThat(token).matches("[0-9a-f]{64}");
		assertThat(this.store.issue("alice", TokenKind.MAGIC_LINK, TTL)).isNotEqualTo(token);
	}

	@ParameterizedTest
	@EnumSource(TokenKind.class)
	void consumeWhenKindMatchesThenSubjectOnce(TokenKind kind) {
		String token = this.store.issue("alice@example.com", kind, TTL);
		assertThat(this.store.consume(token, kind)).contains("alice@example.com");
		assertThat(this.store.consume(token, kind)).isEmpty();
	}

	@Test
	void consumeTokenThenSubjectAndExpiryOnce() {
		Instant issuedAt = now();
		String token = this.store.issue("alice@example.com", TokenKind.MAGIC_LINK, TTL);
		Optional<ConsumedToken> consumed = this.store.consumeToken(token, TokenKind.MAGIC_LINK);
		assertThat(consumed).hasValueSatisfying((found) -> {
			assertThat(found.subject()).isEqualTo("alice@example.com");
			assertThat(found.expiresAt()).isBetween(issuedAt.plus(TTL).minusSeconds(2), now().plus(TTL).plusSeconds(2));
		});
		assertThat(this.store.consumeToken(token, TokenKind.MAGIC_LINK)).isEmpty();
		assertThat(this.store.consume(token, TokenKind.MAGIC_LINK)).isEmpty();
	}

	@Test
	void consumeTokenTellsEachTokensOwnExpiry() {
		String shortLived = this.store.issue("alice", TokenKind.MAGIC_LINK, Duration.ofMinutes(1));
		String longLived = this.store.issue("bob", TokenKind.MAGIC_LINK, Duration.ofDays(2));
		Instant shortExpiry = this.store.consumeToken(shortLived, TokenKind.MAGIC_LINK).orElseThrow().expiresAt();
		Instant longExpiry = this.store.consumeToken(longLived, TokenKind.MAGIC_LINK).orElseThrow().expiresAt();
		assertThat(Duration.between(shortExpiry, longExpiry)).isBetween(
				Duration.ofDays(2).minusMinutes(1).minusSeconds(2), Duration.ofDays(2).minusMinutes(1).plusSeconds(2));
	}

	@Test
	void consumeTokenWhenConsumedAsSubjectBeforeThenEmpty() {
		String token = this.store.issue("alice", TokenKind.MAGIC_LINK, TTL);
		assertThat(this.store.consume(token, TokenKind.MAGIC_LINK)).contains("alice");
		assertThat(this.store.consumeToken(token, TokenKind.MAGIC_LINK)).isEmpty();
	}

	@Test
	void consumeTokenWhenExpiredOrOfAnotherKindOrMalformedThenEmpty() {
		String expired = this.store.issue("alice", TokenKind.MAGIC_LINK, TTL);
		String otherKind = this.store.issue("alice", TokenKind.PASSWORD_RESET, Duration.ofDays(1));
		elapse(TTL);
		assertThat(this.store.consumeToken(expired, TokenKind.MAGIC_LINK)).isEmpty();
		assertThat(this.store.consumeToken(otherKind, TokenKind.MAGIC_LINK)).isEmpty();
		assertThat(this.store.consumeToken(otherKind, TokenKind.PASSWORD_RESET)).isEmpty();
		malformedTokens()
			.forEach((malformed) -> assertThat(this.store.consumeToken(malformed, TokenKind.MAGIC_LINK)).isEmpty());
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.consumeToken(null, TokenKind.MAGIC_LINK));
	}

	@Test
	void consumeTokenWhenRacedThenExactlyOneGetsIt() throws Exception {
		try (Race race = new Race()) {
			for (int round = 0; round < ROUNDS / 2; round++) {
				String subject = "user-" + round;
				String token = this.store.issue(subject, TokenKind.MAGIC_LINK, TTL);
				List<Optional<ConsumedToken>> results = race
					.run(() -> this.store.consumeToken(token, TokenKind.MAGIC_LINK));
				assertThat(results).as("round %d", round)
					.filteredOn(Optional::isPresent)
					.singleElement()
					.satisfies((won) -> assertThat(won.orElseThrow().subject()).isEqualTo(subject));
			}
		}
	}

	@Test
	void consumeWhenKindDiffersThenEmptyAndTheTokenIsSpent() {
		String token = this.store.issue("alice", TokenKind.PASSWORD_RESET, TTL);
		assertThat(this.store.consume(token, TokenKind.MAGIC_LINK)).isEmpty();
		assertThat(this.store.consume(token, TokenKind.PASSWORD_RESET)).isEmpty();
	}

	@Test
	void consumeJustBeforeExpiryThenSubject() {
		String token = this.store.issue("alice", TokenKind.EMAIL_OTP, TTL);
		elapse(TTL.minusSeconds(1));
		assertThat(this.store.consume(token, TokenKind.EMAIL_OTP)).contains("alice");
	}

	@Test
	void consumeWhenExpiredThenEmpty() {
		String token = this.store.issue("alice", TokenKind.EMAIL_OTP, TTL);
		elapse(TTL);
		assertThat(this.store.consume(token, TokenKind.EMAIL_OTP)).isEmpty();
	}

	@Test
	void eachTokenHasItsOwnLifetime() {
		String shortLived = this.store.issue("alice", TokenKind.EMAIL_OTP, Duration.ofMinutes(1));
		String longLived = this.store.issue("bob", TokenKind.EMAIL_OTP, Duration.ofDays(2));
		elapse(Duration.ofDays(1));
		assertThat(this.store.consume(shortLived, TokenKind.EMAIL_OTP)).isEmpty();
		assertThat(this.store.consume(longLived, TokenKind.EMAIL_OTP)).contains("bob");
	}

	@Test
	void consumeWhenTokenIsUnknownThenEmpty() {
		assertThat(this.store.consume(Secrets.newOneTimeToken(), TokenKind.MAGIC_LINK)).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("dev.breakglass.store.AbstractOneTimeTokenStoreContractTests#malformedTokens")
	void consumeWhenTokenIsMalformedThenEmptyAndIssuedTokensSurvive(String malformed) {
		String token = this.store.issue("alice", TokenKind.MAGIC_LINK, TTL);
		assertThat(this.store.consume(malformed, TokenKind.MAGIC_LINK)).isEmpty();
		assertThat(this.store.consume(token.toUpperCase(), TokenKind.MAGIC_LINK)).isEmpty();
		assertThat(this.store.consume(token, TokenKind.MAGIC_LINK)).contains("alice");
	}

	static Stream<String> malformedTokens() {
		return Stream.of("", " ", "x", "g".repeat(64), "a".repeat(63), "a".repeat(65), "a".repeat(100_000),
				"\0".repeat(64), "' OR 1=1 --");
	}

	@Test
	void subjectRoundTripsExactly() {
		String subject = "Zoë 漢字 😀 \"quoted\" " + "x".repeat(StoreLimits.MAX_SUBJECT_LENGTH - 30);
		String token = this.store.issue(subject, TokenKind.EMAIL_VERIFICATION, TTL);
		assertThat(this.store.consume(token, TokenKind.EMAIL_VERIFICATION)).contains(subject);
	}

	@Test
	void issueWhenInputIsBadThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.issue(null, TokenKind.MAGIC_LINK, TTL));
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.issue(" ", TokenKind.MAGIC_LINK, TTL));
		assertThatIllegalArgumentException().isThrownBy(
				() -> this.store.issue("x".repeat(StoreLimits.MAX_SUBJECT_LENGTH + 1), TokenKind.MAGIC_LINK, TTL));
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.issue("a\0b", TokenKind.MAGIC_LINK, TTL));
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.issue("alice", null, TTL));
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.issue("alice", TokenKind.MAGIC_LINK, null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.store.issue("alice", TokenKind.MAGIC_LINK, Duration.ZERO));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.store.issue("alice", TokenKind.MAGIC_LINK, Duration.ofSeconds(-1)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.store.issue("alice", TokenKind.MAGIC_LINK, StoreLimits.MAX_TTL.plusSeconds(1)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.store.issue("alice", TokenKind.MAGIC_LINK, Duration.ofSeconds(Long.MAX_VALUE)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.store.issue("alice", TokenKind.MAGIC_LINK, Duration.ofSeconds(Long.MIN_VALUE)));
	}

	@Test
	void consumeWhenArgumentIsNullThenRejectedAndTheTokenSurvives() {
		String token = this.store.issue("alice", TokenKind.MAGIC_LINK, TTL);
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.consume(null, TokenKind.MAGIC_LINK));
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.consume(token, null));
		assertThat(this.store.consume(token, TokenKind.MAGIC_LINK)).contains("alice");
	}

	@Test
	void consumeWhenRacedThenExactlyOneGetsTheSubject() throws Exception {
		try (Race race = new Race()) {
			for (int round = 0; round < ROUNDS; round++) {
				String subject = "user-" + round;
				String token = this.store.issue(subject, TokenKind.PASSWORD_RESET, TTL);
				List<Optional<String>> results = race.run(() -> this.store.consume(token, TokenKind.PASSWORD_RESET));
				assertThat(results).as("round %d", round)
					.filteredOn(Optional::isPresent)
					.containsExactly(Optional.of(subject));
			}
		}
	}

	@Test
	void consumeWhenRacedWithTheWrongKindThenAtMostOneGetsTheSubjectAndTheTokenIsSpent() throws Exception {
		try (Race race = new Race()) {
			for (int round = 0; round < ROUNDS / 4; round++) {
				String token = this.store.issue("alice", TokenKind.MAGIC_LINK, TTL);
				List<Optional<String>> results = race.run((i) -> () -> this.store.consume(token,
						(i % 2 == 0) ? TokenKind.MAGIC_LINK : TokenKind.PASSWORD_RESET));
				assertThat(results).as("round %d", round).filteredOn(Optional::isPresent).hasSizeLessThanOrEqualTo(1);
				assertThat(this.store.consume(token, TokenKind.MAGIC_LINK)).isEmpty();
			}
		}
	}

	@Test
	void issueWhenTtlIsTheLongestAcceptedThenConsumable() {
		String token = this.store.issue("alice", TokenKind.MAGIC_LINK, StoreLimits.MAX_TTL);
		assertThat(this.store.consume(token, TokenKind.MAGIC_LINK)).contains("alice");
	}

}
