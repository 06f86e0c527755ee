package dev.breakglass.store;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.breakglass.test.Race;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What every {@link AuthorizationCodeStore} promises. Each backend extends this class.
 */
public abstract class AbstractAuthorizationCodeStoreContractTests {

	private static final int ROUNDS = 100;

	private AuthorizationCodeStore store;

	/**
	 * Create the store under test, empty.
	 * @return the store
	 */
	protected abstract AuthorizationCodeStore createStore();

	/**
	 * Let time pass for the store, by the clock that decides its expiry.
	 * @param duration how much
	 */
	protected abstract void elapse(Duration duration);

	/**
	 * The current time, by the clock that decides the store's expiry.
	 * @return the instant
	 */
	protected abstract Instant now();

	@BeforeEach
	void createStoreUnderTest() {
		this.store = createStore();
	}

	@Test
	void takeReturnsTheCodeThatWasPut() {
		AuthorizationCode code = newCode("{\"client_id\":\"app\",\"scope\":\"openid\"}");
		this.store.put(code);
		assertThat(this.store.take(code.codeHash())).contains(code);
	}

	@Test
	void takeWhenTakenBeforeThenEmpty() {
		AuthorizationCode code = newCode("data");
		this.store.put(code);
		this.store.take(code.codeHash());
		assertThat(this.store.take(code.codeHash())).isEmpty();
	}

	@Test
	void takeWhenCodeIsUnknownThenEmpty() {
		assertThat(this.store.take(Secrets.sha256("never issued"))).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("dev.breakglass.store.AbstractAuthorizationCodeStoreContractTests#malformedHashes")
	void takeWhenHashIsMalformedThenEmpty(String malformed) {
		AuthorizationCode code = newCode("data");
		this.store.put(code);
		assertThat(this.store.take(malformed)).isEmpty();
		assertThat(this.store.take(code.codeHash())).contains(code);
	}

	static Stream<String> malformedHashes() {
		return Stream.of("", " ", "x".repeat(100_000), "a\0b", "' OR 1=1 --", "%", "*");
	}

	@Test
	void takeWhenHashIsNullThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.take(null));
	}

	@Test
	void takeDoesNotCheckExpiry() {
		AuthorizationCode code = new AuthorizationCode(Secrets.sha256(Secrets.newOneTimeToken()), "data",
				now().plus(Duration.ofMinutes(1)));
		this.store.put(code);
		elapse(Duration.ofMinutes(2));
		AuthorizationCode taken = this.store.take(code.codeHash()).orElseThrow();
		assertThat(taken.codeHash()).isEqualTo(code.codeHash());
		assertThat(taken.data()).isEqualTo(code.data());
		assertThat(taken.expiresAt()).as("expired by the clock that decides expiry").isBefore(now());
	}

	@Test
	void putWhenHashIsStoredThenThrowsAndTheFirstCodeSurvives() {
		AuthorizationCode first = newCode("first");
		AuthorizationCode second = new AuthorizationCode(first.codeHash(), "second", first.expiresAt().plusSeconds(60));
		this.store.put(first);
		assertThatExceptionOfType(DuplicateCodeException.class).isThrownBy(() -> this.store.put(second))
			.withMessageNotContaining(first.codeHash());
		assertThat(this.store.take(first.codeHash())).contains(first);
	}

	@Test
	void putWhenCodeIsNullThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.put(null));
	}

	@Test
	void dataRoundTripsExactly() {
		String data = "line 1\nline 2\t\"quoted\" \\ 'single' é 漢字 😀 "
				+ "x".repeat(StoreLimits.MAX_CODE_DATA_LENGTH - 60);
		AuthorizationCode code = new AuthorizationCode("h", data, now().plusSeconds(60));
		this.store.put(code);
		assertThat(this.store.take("h")).contains(code);
	}

	@Test
	void expiryRoundTripsToTheMillisecond() {
		Instant expiresAt = now().plusSeconds(60).plusMillis(123);
		AuthorizationCode code = new AuthorizationCode(Secrets.sha256("c"), "data", expiresAt);
		this.store.put(code);
		assertThat(this.store.take(code.codeHash()).map(AuthorizationCode::expiresAt)).contains(expiresAt);
	}

	@Test
	void takeWhenRacedThenExactlyOneGetsTheCode() throws Exception {
		try (Race race = new Race()) {
			for (int round = 0; round < ROUNDS; round++) {
				AuthorizationCode code = newCode("round " + round);
				this.store.put(code);
				List<Optional<AuthorizationCode>> results = race.run(() -> this.store.take(code.codeHash()));
				assertThat(results).as("round %d", round)
					.filteredOn(Optional::isPresent)
					.containsExactly(Optional.of(code));
			}
		}
	}

	@Test
	void putWhenRacedOnOneHashThenExactlyOneIsStored() throws Exception {
		try (Race race = new Race()) {
			for (int round = 0; round < ROUNDS / 4; round++) {
				String hash = Secrets.sha256(Secrets.newOneTimeToken());
				Instant expiresAt = now().plusSeconds(60);
				List<String> stored = race.run((i) -> () -> {
					try {
						this.store.put(new AuthorizationCode(hash, "writer " + i, expiresAt));
						return "writer " + i;
					}
					catch (DuplicateCodeException ex) {
						return null;
					}
				});
				List<String> winners = stored.stream().filter((writer) -> writer != null).toList();
				assertThat(winners).as("round %d", round).hasSize(1);
				assertThat(this.store.take(hash).map(AuthorizationCode::data)).contains(winners.get(0));
			}
		}
	}

	@Test
	void redeemReturnsTheCodeOnceThenItsDataAndWhenItWasRedeemed() {
		AuthorizationCode code = newCode("{\"client_id\":\"app\",\"grant\":\"g-1\"}");
		this.store.put(code);
		Instant before = now().truncatedTo(ChronoUnit.MILLIS);
		assertThat(this.store.redeem(code.codeHash())).isEqualTo(new Redemption.Redeemed(code));
		Instant after = now().plusMillis(1);
		for (int presentation = 2; presentation <= 4; presentation++) {
			assertThat(this.store.redeem(code.codeHash())).as("presentation %d", presentation)
				.isInstanceOfSatisfying(Redemption.AlreadyRedeemed.class, (again) -> {
					assertThat(again.data()).isEqualTo(code.data());
					// Clocks of the test and the server may differ by a little.
					assertThat(again.redeemedAt()).isBetween(before.minusSeconds(1), after.plusSeconds(1));
				});
		}
	}

	@Test
	void redeemKeepsTheFirstRedemptionTime() {
		AuthorizationCode code = newCode("data");
		this.store.put(code);
		this.store.redeem(code.codeHash());
		Instant first = ((Redemption.AlreadyRedeemed) this.store.redeem(code.codeHash())).redeemedAt();
		elapse(Duration.ofSeconds(30));
		assertThat(this.store.redeem(code.codeHash())).isEqualTo(new Redemption.AlreadyRedeemed("data", first));
	}

	@Test
	void redeemWhenCodeIsUnknownThenUnknown() {
		assertThat(this.store.redeem(Secrets.sha256("never issued"))).isEqualTo(new Redemption.Unknown());
	}

	@Test
	void redeemWhenTakenBeforeThenUnknown() {
		AuthorizationCode code = newCode("data");
		this.store.put(code);
		assertThat(this.store.take(code.codeHash())).contains(code);
		assertThat(this.store.redeem(code.codeHash())).isEqualTo(new Redemption.Unknown());
	}

	@Test
	void takeWhenRedeemedBeforeThenEmptyAndTheTombstoneStays() {
		AuthorizationCode code = newCode("data");
		this.store.put(code);
		this.store.redeem(code.codeHash());
		assertThat(this.store.take(code.codeHash())).isEmpty();
		assertThat(this.store.redeem(code.codeHash())).isInstanceOf(Redemption.AlreadyRedeemed.class);
	}

	@Test
	void putWhenHashIsRedeemedThenThrowsAndTheTombstoneSurvives() {
		AuthorizationCode code = newCode("first");
		this.store.put(code);
		this.store.redeem(code.codeHash());
		AuthorizationCode again = new AuthorizationCode(code.codeHash(), "second", code.expiresAt().plusSeconds(60));
		assertThatExceptionOfType(DuplicateCodeException.class).isThrownBy(() -> this.store.put(again));
		assertThat(this.store.redeem(code.codeHash())).isInstanceOfSatisfying(Redemption.AlreadyRedeemed.class,
				(tombstone) -> assertThat(tombstone.data()).isEqualTo("first"));
	}

	@Test
	void redeemDoesNotCheckExpiry() {
		AuthorizationCode code = new AuthorizationCode(Secrets.sha256(Secrets.newOneTimeToken()), "data",
				now().plus(Duration.ofMinutes(1)));
		this.store.put(code);
		elapse(Duration.ofMinutes(2));
		assertThat(this.store.redeem(code.codeHash())).isInstanceOfSatisfying(Redemption.Redeemed.class, (redeemed) -> {
			assertThat(redeemed.code().codeHash()).isEqualTo(code.codeHash());
			assertThat(redeemed.code().data()).isEqualTo(code.data());
			assertThat(redeemed.code().expiresAt()).as("expired by the clock that decides expiry").isBefore(now());
		});
	}

	@Test
	void tombstoneLastsUntilTheCodesExpiry() {
		AuthorizationCode code = new AuthorizationCode(Secrets.sha256(Secrets.newOneTimeToken()), "data",
				now().plus(Duration.ofMinutes(5)));
		this.store.put(code);
		this.store.redeem(code.codeHash());
		elapse(Duration.ofMinutes(5).minusSeconds(2));
		assertThat(this.store.redeem(code.codeHash())).isInstanceOf(Redemption.AlreadyRedeemed.class);
		assertThat(this.store.take(code.codeHash())).isEmpty();
	}

	@Test
	void tombstoneIsGoneAfterTheCodesExpiry() {
		AuthorizationCode code = new AuthorizationCode(Secrets.sha256(Secrets.newOneTimeToken()), "data",
				now().plus(Duration.ofMinutes(5)));
		this.store.put(code);
		this.store.redeem(code.codeHash());
		elapse(Duration.ofHours(2));
		assertThat(this.store.redeem(code.codeHash())).isEqualTo(new Redemption.Unknown());
		AuthorizationCode reissued = new AuthorizationCode(code.codeHash(), "reissued", now().plusSeconds(60));
		this.store.put(reissued);
		assertThat(this.store.redeem(code.codeHash())).isEqualTo(new Redemption.Redeemed(reissued));
	}

	@ParameterizedTest
	@MethodSource("dev.breakglass.store.AbstractAuthorizationCodeStoreContractTests#malformedHashes")
	void redeemWhenHashIsMalformedThenUnknown(String malformed) {
		AuthorizationCode code = newCode("data");
		this.store.put(code);
		assertThat(this.store.redeem(malformed)).isEqualTo(new Redemption.Unknown());
		assertThat(this.store.redeem(code.codeHash())).isEqualTo(new Redemption.Redeemed(code));
	}

	@Test
	void redeemWhenHashIsNullThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.redeem(null));
	}

	@Test
	void redeemedDataRoundTripsExactly() {
		String data = "line 1\nline 2\t\"quoted\" \\ 'single' é 漢字 😀 ;13:v1;r1;"
				+ "x".repeat(StoreLimits.MAX_CODE_DATA_LENGTH - 80);
		AuthorizationCode code = new AuthorizationCode("h", data, now().plusSeconds(60));
		this.store.put(code);
		assertThat(this.store.redeem("h")).isEqualTo(new Redemption.Redeemed(code));
		assertThat(this.store.redeem("h")).isInstanceOfSatisfying(Redemption.AlreadyRedeemed.class,
				(again) -> assertThat(again.data()).isEqualTo(data));
	}

	@Test
	void redemptionsNeverShowTheHashOrTheData() {
		AuthorizationCode code = new AuthorizationCode(Secrets.sha256("c"), "grant-secret-data", now().plusSeconds(60));
		this.store.put(code);
		Redemption first = this.store.redeem(code.codeHash());
		Redemption second = this.store.redeem(code.codeHash());
		assertThat(first.toString() + second).doesNotContain(code.codeHash()).doesNotContain("grant-secret-data");
	}

	@Test
	void redeemWhenRacedThenExactlyOneRedeemsAndEveryOtherFindsTheTombstone() throws Exception {
		try (Race race = new Race()) {
			for (int round = 0; round < ROUNDS; round++) {
				AuthorizationCode code = newCode("round " + round);
				this.store.put(code);
				List<Redemption> results = race.run(() -> this.store.redeem(code.codeHash()));
				assertThat(results).as("round %d", round)
					.filteredOn(Redemption.Redeemed.class::isInstance)
					.containsExactly(new Redemption.Redeemed(code));
				assertThat(results).as("round %d", round)
					.filteredOn((result) -> !(result instanceof Redemption.Redeemed))
					.hasSize(Race.THREADS - 1)
					.allSatisfy((result) -> assertThat(result).isInstanceOfSatisfying(Redemption.AlreadyRedeemed.class,
							(again) -> assertThat(again.data()).isEqualTo(code.data())));
			}
		}
	}

	@Test
	void redeemWhenRacedWithTakeThenExactlyOneGetsTheCode() throws Exception {
		try (Race race = new Race()) {
			for (int round = 0; round < ROUNDS; round++) {
				AuthorizationCode code = newCode("round " + round);
				this.store.put(code);
				List<Object> results = race.run((i) -> () -> (i % 2 == 0) ? this.store.redeem(code.codeHash())
						: this.store.take(code.codeHash()));
				long winners = results.stream()
					.filter((result) -> result instanceof Redemption.Redeemed
							|| (result instanceof Optional<?> taken && taken.isPresent()))
					.count();
				assertThat(winners).as("round %d", round).isOne();
			}
		}
	}

	private AuthorizationCode newCode(String data) {
		return new AuthorizationCode(Secrets.sha256(Secrets.newOneTimeToken()), data,
				now().plus(Duration.ofMinutes(5)));
	}

	@ParameterizedTest
	@MethodSource("dev.breakglass.store.AbstractAuthorizationCodeStoreContractTests#unstorableExpiries")
	void putWhenExpiryIsOutsideTheStorableRangeThenRejectedAndNothingIsStored(Instant expiresAt) {
		String hash = Secrets.sha256(Secrets.newOneTimeToken());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.store.put(new AuthorizationCode(hash, "data", expiresAt)))
			.withMessageContaining("expiresAt");
		assertThat(this.store.take(hash)).isEmpty();
	}

	static Stream<Instant> unstorableExpiries() {
		return Stream.of(Instant.MAX, Instant.MIN, StoreLimits.MAX_EXPIRY.plusMillis(1),
				StoreLimits.MIN_EXPIRY.minusMillis(1));
	}

	@ParameterizedTest
	@MethodSource("dev.breakglass.store.AbstractAuthorizationCodeStoreContractTests#storableEdgeExpiries")
	void putWhenExpiryIsAtAnEdgeOfTheStorableRangeThenTakeReturnsItExactly(Instant expiresAt) {
		AuthorizationCode code = new AuthorizationCode(Secrets.sha256(Secrets.newOneTimeToken()), "data", expiresAt);
		this.store.put(code);
		assertThat(this.store.take(code.codeHash())).contains(code);
	}

	static Stream<Instant> storableEdgeExpiries() {
		return Stream.of(Instant.EPOCH, StoreLimits.MIN_EXPIRY, StoreLimits.MAX_EXPIRY);
	}

}
