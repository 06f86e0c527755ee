package dev.breakglass.store;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.breakglass.test.Race;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import static dev.breakglass.test.Requests.ATTRIBUTION;

/**
 * What every {@link BreakGlassTokenStore} promises. Each backend extends this class.
 */
public abstract class AbstractBreakGlassTokenStoreContractTests {

	/**
	 * Lifetime of the session tokens of the store under test.
	 */
	protected static final Duration TTL = Duration.ofHours(1);

	private static final int ROUNDS = 50;

	private BreakGlassTokenStore store;

	/**
	 * Lifetime of the session tokens unused, for the idle timeout tests.
	 */
	private static final Duration IDLE = Duration.ofMinutes(10);

	/**
	 * Create the store under test, empty.
	 * @param lifetime how long a session token lives, and lives unused
	 * @return the store
	 */
	protected abstract BreakGlassTokenStore createStore(SessionLifetime lifetime);

	/**
	 * Create the store under test, empty, without an idle timeout.
	 * @param ttl how long a session token lives
	 * @return the store
	 */
	protected final BreakGlassTokenStore createStore(Duration ttl) {
		return createStore(SessionLifetime.of(ttl));
	}

	/**
	 * Let real time pass for the store: by default sleep, since {@link #elapse} moves the
	 * expiry of what is stored but not the issue times it is reckoned from.
	 * @param duration how much
	 * @throws InterruptedException if interrupted
	 */
	protected void sleep(Duration duration) throws InterruptedException {
		Thread.sleep(duration.toMillis());
	}

	/**
	 * Let time pass for the store, by the clock that decides its expiry.
	 * @param duration how much
	 */
	protected abstract void elapse(Duration duration);

	/**
	 * The current time, by the clock that stamps when a token is issued.
	 * @return the instant
	 */
	protected abstract Instant now();

	@BeforeEach
	void createStoreUnderTest() {
		this.store = createStore(TTL);
		this.store.clear();
	}

	@Test
	void issueReturns32RandomBytesAsUrlSafeBase64WithoutPadding() {
		String token = this.store.issue(ATTRIBUTION).token();
		assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
		assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
		assertThat(this.store.issue(ATTRIBUTION).token()).isNotEqualTo(token);
	}

	@Test
	void lookupWhenTokenIsActiveThenReturnsWhenItWasIssued() {
		String token = this.store.issue(ATTRIBUTION).token();
		assertThat(this.store.lookup(token).map(ActiveToken::issuedAt)).isPresent();
		assertThat(this.store.lookup(token).map(ActiveToken::issuedAt)).as("lookup does not consume").isPresent();
	}

	@Test
	void lookupWhenTokenWasReplacedThenEmpty() {
		String first = this.store.issue(ATTRIBUTION).token();
		String second = this.store.issue(ATTRIBUTION).token();
		assertThat(this.store.lookup(first).map(ActiveToken::issuedAt)).isEmpty();
		assertThat(this.store.lookup(second).map(ActiveToken::issuedAt)).isPresent();
	}

	@Test
	void lookupWhenTokenHasExpiredThenEmpty() {
		String token = this.store.issue(ATTRIBUTION).token();
		elapse(TTL.minusSeconds(1));
		assertThat(this.store.lookup(token).map(ActiveToken::issuedAt)).isPresent();
		elapse(Duration.ofSeconds(1));
		assertThat(this.store.lookup(token).map(ActiveToken::issuedAt)).isEmpty();
	}

	@Test
	void lookupReportsTheIssueInstantToTheMillisecondEveryTime() {
		Instant before = now().minusMillis(1);
		String token = this.store.issue(ATTRIBUTION).token();
		Instant after = now().plusMillis(1);
		Instant issuedAt = this.store.lookup(token).map(ActiveToken::issuedAt).orElseThrow();
		assertThat(issuedAt).isBetween(before, after).isEqualTo(issuedAt.truncatedTo(ChronoUnit.MILLIS));
		elapse(Duration.ofMinutes(1));
		assertThat(this.store.lookup(token).map(ActiveToken::issuedAt)).contains(issuedAt);
	}

	@ParameterizedTest
	@MethodSource("dev.breakglass.store.AbstractBreakGlassTokenStoreContractTests#notTheActiveToken")
	void lookupWhenTokenIsNotTheActiveOneThenEmpty(String presented) {
		String token = this.store.issue(ATTRIBUTION).token();
		assertThat(this.store.lookup(presented).map(ActiveToken::issuedAt)).isEmpty();
		assertThat(this.store.revoke(presented)).isFalse();
		assertThat(this.store.lookup(token).map(ActiveToken::issuedAt)).as("the active token survives").isPresent();
	}

	static Stream<String> notTheActiveToken() {
		return Stream.of("", " ", "x", Secrets.newSessionToken(), Secrets.newSessionToken() + "=", "A".repeat(43),
				"+".repeat(43), "A".repeat(100_000), "\0".repeat(43), "' OR 1=1 --");
	}

	@Test
	void lookupWhenTokenDiffersInOneCharacterThenEmpty() {
		String token = this.store.issue(ATTRIBUTION).token();
		char last = token.charAt(42);
		String altered = token.substring(0, 42) + ((last == 'A') ? 'B' : 'A');
		assertThat(this.store.lookup(altered).map(ActiveToken::issuedAt)).isEmpty();
	}

	@Test
	void lookupWhenNoTokenWasIssuedThenEmpty() {
		assertThat(this.store.lookup(Secrets.newSessionToken()).map(ActiveToken::issuedAt)).isEmpty();
	}

	@Test
	void nullTokenIsRejectedAndLosesNothing() {
		String token = this.store.issue(ATTRIBUTION).token();
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.lookup(null).map(ActiveToken::issuedAt));
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.revoke(null));
		assertThat(this.store.lookup(token).map(ActiveToken::issuedAt)).isPresent();
	}

	@Test
	void revokeWhenTokenIsActiveThenTrueOnceAndTokenIsGone() {
		String token = this.store.issue(ATTRIBUTION).token();
		assertThat(this.store.revoke(token)).isTrue();
		assertThat(this.store.revoke(token)).isFalse();
		assertThat(this.store.lookup(token).map(ActiveToken::issuedAt)).isEmpty();
	}

	@Test
	void revokeWhenTokenHasExpiredThenFalse() {
		String token = this.store.issue(ATTRIBUTION).token();
		elapse(TTL.plusSeconds(1));
		assertThat(this.store.revoke(token)).isFalse();
	}

	@Test
	void revokeWhenTokenWasReplacedThenFalseAndNewTokenSurvives() {
		String first = this.store.issue(ATTRIBUTION).token();
		String second = this.store.issue(ATTRIBUTION).token();
		assertThat(this.store.revoke(first)).isFalse();
		assertThat(this.store.lookup(second).map(ActiveToken::issuedAt)).isPresent();
	}

	@Test
	void clearRemovesTheActiveToken() {
		String token = this.store.issue(ATTRIBUTION).token();
		this.store.clear();
		assertThat(this.store.lookup(token).map(ActiveToken::issuedAt)).isEmpty();
		this.store.clear();
	}

	@Test
	void revokeWhenRacedThenExactlyOneWins() throws Exception {
		try (Race race = new Race()) {
			for (int round = 0; round < ROUNDS; round++) {
				String token = this.store.issue(ATTRIBUTION).token();
				List<Boolean> results = race.run(() -> this.store.revoke(token));
				assertThat(results).as("round %d", round).containsOnlyOnce(true);
				assertThat(this.store.lookup(token).map(ActiveToken::issuedAt)).isEmpty();
			}
		}
	}

	@Test
	void lookupReturnsWhoAskedForTheTokenAndWhy() {
		Attribution bob = new Attribution("bob 😀 ;:'\"", "r".repeat(Attribution.MAX_REASON_LENGTH));
		String token = this.store.issue(bob).token();
		assertThat(this.store.lookup(token).map(ActiveToken::attribution)).contains(bob);
	}

	@Test
	void issueReportsWhoHeldTheLiveTokenItReplaced() {
		Attribution bob = new Attribution("bob", "second incident");
		assertThat(this.store.issue(ATTRIBUTION).replaced()).isNull();
		IssuedToken second = this.store.issue(bob);
		assertThat(second.replaced()).isEqualTo(ATTRIBUTION);
		assertThat(this.store.issue(ATTRIBUTION).replaced()).isEqualTo(bob);
		assertThat(second.toString()).doesNotContain(second.token());
	}

	@Test
	void issueWhenTheActiveTokenHasExpiredOrWasRevokedThenReplacesNobody() {
		this.store.issue(ATTRIBUTION);
		elapse(TTL);
		assertThat(this.store.issue(ATTRIBUTION).replaced()).isNull();
		String token = this.store.issue(ATTRIBUTION).token();
		this.store.revoke(token);
		assertThat(this.store.issue(ATTRIBUTION).replaced()).isNull();
	}

	@Test
	void issueWhenAttributionIsNullThenRejectedAndTheActiveTokenSurvives() {
		String token = this.store.issue(ATTRIBUTION).token();
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.issue(null));
		assertThat(this.store.lookup(token)).isPresent();
	}

	@Test
	void issueWhenRacedThenEveryReplacedTokenIsReportedAtMostOnce() throws Exception {
		try (Race race = new Race()) {
			this.store.issue(new Attribution("first", "round 0"));
			List<IssuedToken> issued = race.run((i) -> () -> this.store.issue(new Attribution("thread " + i, "race")));
			assertThat(issued).filteredOn((token) -> token.replaced() != null)
				.extracting(IssuedToken::replaced)
				.doesNotHaveDuplicates()
				.hasSizeGreaterThanOrEqualTo(Race.THREADS - 1);
		}
	}

	@Test
	void issueWhenRacedThenExactlyOneTokenIsActive() throws Exception {
		try (Race race = new Race()) {
			for (int round = 0; round < ROUNDS; round++) {
				List<String> tokens = race.run(() -> this.store.issue(ATTRIBUTION).token());
				List<String> active = tokens.stream().filter((token) -> this.store.lookup(token).isPresent()).toList();
				assertThat(active).as("round %d", round).hasSize(1);
				assertThat(this.store.revoke(active.get(0))).isTrue();
				assertThat(tokens).as("round %d: no other racer's token is left behind", round)
					.allSatisfy((token) -> assertThat(this.store.lookup(token)).isEmpty());
			}
		}
	}

	@ParameterizedTest
	@MethodSource("dev.breakglass.store.AbstractOtpStoreContractTests#unacceptedTtls")
	void createWhenTtlIsNotPositiveAndBoundedThenRejected(Duration ttl) {
		assertThatIllegalArgumentException().isThrownBy(() -> createStore(ttl)).withMessageContaining("ttl");
	}

	@Test
	void createWhenTtlIsTheLongestAcceptedThenTheTokenIsActive() {
		BreakGlassTokenStore store = createStore(StoreLimits.MAX_TTL);
		String token = store.issue(ATTRIBUTION).token();
		assertThat(store.lookup(token)).isPresent();
	}

	@Test
	void activeTellsTheLiveTokenWithoutPresentingOrConsumingIt() {
		assertThat(this.store.active()).isEmpty();
		String token = this.store.issue(ATTRIBUTION).token();
		ActiveToken looked = this.store.lookup(token).orElseThrow();
		assertThat(this.store.active()).contains(looked);
		assertThat(this.store.active().orElseThrow().attribution()).isEqualTo(ATTRIBUTION);
		assertThat(this.store.lookup(token)).as("still active").isPresent();
	}

	@Test
	void activeWhenTheTokenExpiredOrWasRevokedThenEmpty() {
		String token = this.store.issue(ATTRIBUTION).token();
		assertThat(this.store.revoke(token)).isTrue();
		assertThat(this.store.active()).isEmpty();
		this.store.issue(ATTRIBUTION);
		elapse(TTL);
		assertThat(this.store.active()).isEmpty();
	}

	@Test
	void endRemovesTheActiveTokenAndTellsWhoseItWas() {
		String token = this.store.issue(ATTRIBUTION).token();
		ActiveToken looked = this.store.lookup(token).orElseThrow();
		assertThat(this.store.end()).contains(looked);
		assertThat(this.store.lookup(token)).isEmpty();
		assertThat(this.store.revoke(token)).as("already ended").isFalse();
		assertThat(this.store.end()).as("nothing left to end").isEmpty();
	}

	@Test
	void endWhenTheTokenExpiredOrWasRevokedThenEmptyAndTheNextTokenIsIssuedAsUsual() {
		String token = this.store.issue(ATTRIBUTION).token();
		assertThat(this.store.revoke(token)).isTrue();
		assertThat(this.store.end()).isEmpty();
		this.store.issue(ATTRIBUTION);
		elapse(TTL);
		assertThat(this.store.end()).isEmpty();
		String next = this.store.issue(ATTRIBUTION).token();
		assertThat(this.store.lookup(next)).isPresent();
	}

	@Test
	void endWhenRacedWithEndsAndARevokeThenExactlyOneRemovesTheToken() throws Exception {
		try (Race race = new Race()) {
			for (int round = 0; round < ROUNDS; round++) {
				String token = this.store.issue(ATTRIBUTION).token();
				// thread 0 revokes with the token, the others end without it
				List<Boolean> results = race.run((thread) -> (thread == 0) ? () -> this.store.revoke(token)
						: () -> this.store.end().isPresent());
				assertThat(results).as("round %d", round).containsOnlyOnce(true);
				assertThat(this.store.lookup(token)).isEmpty();
			}
		}
	}

	@Test
	void aDrillsFlagTravelsWithItsTokenAndIsReportedWhenTheTokenIsReplacedOrEnded() {
		Attribution drill = new Attribution("alice", "quarterly drill", true);
		String token = this.store.issue(drill).token();
		assertThat(this.store.lookup(token).orElseThrow().attribution()).isEqualTo(drill);
		assertThat(this.store.active().orElseThrow().attribution()).isEqualTo(drill);
		IssuedToken real = this.store.issue(ATTRIBUTION);
		assertThat(real.replaced()).isEqualTo(drill);
		assertThat(this.store.lookup(real.token()).orElseThrow().attribution().drill()).isFalse();
		this.store.issue(drill);
		assertThat(this.store.end().orElseThrow().attribution()).isEqualTo(drill);
	}

	@Test
	void idleTimeoutEndsASessionLeftUnusedAndEveryUseStartsItAgain() {
		BreakGlassTokenStore store = createStore(new SessionLifetime(TTL, IDLE));
		String token = store.issue(ATTRIBUTION).token();
		elapse(IDLE.minusMinutes(1));
		assertThat(store.lookup(token)).isPresent();
		elapse(IDLE.minusMinutes(1));
		assertThat(store.lookup(token)).as("the use before started the timeout again").isPresent();
		elapse(IDLE);
		assertThat(store.lookup(token)).as("unused for the idle timeout").isEmpty();
		assertThat(store.active()).isEmpty();
		assertThat(store.revoke(token)).isFalse();
		assertThat(store.issue(ATTRIBUTION).replaced()).as("an idle session is not live").isNull();
	}

	@Test
	void idleTimeoutIsNotMovedByAWrongTokenNorByAnOperatorsLook() {
		BreakGlassTokenStore store = createStore(new SessionLifetime(TTL, IDLE));
		String token = store.issue(ATTRIBUTION).token();
		elapse(IDLE.minusMinutes(1));
		for (String wrong : notTheActiveToken().toList()) {
			assertThat(store.lookup(wrong)).isEmpty();
		}
		assertThat(store.active()).as("an operator's look").isPresent();
		elapse(Duration.ofMinutes(1));
		assertThat(store.lookup(token)).isEmpty();
	}

	@Test
	void idleTimeoutWhenAnAttackerGuessesTokensThenTheSessionLivesOn() {
		BreakGlassTokenStore store = createStore(new SessionLifetime(TTL, IDLE));
		String token = store.issue(ATTRIBUTION).token();
		for (int guess = 0; guess < 100; guess++) {
			assertThat(store.lookup(Secrets.newSessionToken())).isEmpty();
		}
		assertThat(store.lookup(token).map(ActiveToken::attribution)).contains(ATTRIBUTION);
	}

	@Test
	void idleTimeoutWhenUsedByManyThreadsThenEveryUseFindsTheToken() throws Exception {
		BreakGlassTokenStore store = createStore(new SessionLifetime(TTL, IDLE));
		String token = store.issue(ATTRIBUTION).token();
		try (Race race = new Race()) {
			for (int round = 0; round < 10; round++) {
				assertThat(race.run(() -> store.lookup(token).isPresent())).as("round %d", round).containsOnly(true);
			}
		}
		elapse(IDLE.minusMinutes(1));
		assertThat(store.lookup(token)).isPresent();
	}

	@Test
	void idleTimeoutNeverKeepsASessionPastItsTtl() throws InterruptedException {
		// real time: the ttl is reckoned from the issue time, which elapse() does not
		// move
		BreakGlassTokenStore store = createStore(new SessionLifetime(Duration.ofMillis(3000), Duration.ofMillis(2000)));
		String token = store.issue(ATTRIBUTION).token();
		sleep(Duration.ofMillis(1200));
		assertThat(store.lookup(token)).isPresent();
		sleep(Duration.ofMillis(1200));
		assertThat(store.lookup(token)).as("used 1.2 s ago, 2.4 s after its issue").isPresent();
		sleep(Duration.ofMillis(1100));
		assertThat(store.lookup(token)).as("3.5 s after its issue, used 1.1 s ago").isEmpty();
		assertThat(store.active()).isEmpty();
	}

	@Test
	void idleTimeoutWhenNotShorterThanTheTtlThenTheTtlAlone() {
		BreakGlassTokenStore store = createStore(new SessionLifetime(TTL, TTL.plusHours(1)));
		String token = store.issue(ATTRIBUTION).token();
		elapse(TTL.minusSeconds(1));
		assertThat(store.lookup(token)).isPresent();
		elapse(Duration.ofSeconds(1));
		assertThat(store.lookup(token)).isEmpty();
	}

}
