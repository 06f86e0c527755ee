package dev.breakglass.store;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.breakglass.test.Race;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import static dev.breakglass.test.Requests.ATTRIBUTION;

/**
 * What every {@link OtpStore} promises. Each backend extends this class.
 */
public abstract class AbstractOtpStoreContractTests {

	/**
	 * Lifetime of the OTPs of the store under test.
	 */
	protected static final Duration TTL = Duration.ofMinutes(10);

	private static final int ROUNDS = 50;

	private OtpStore store;

	/**
	 * Create the store under test, empty.
	 * @param ttl how long an OTP lives
	 * @param length how many digits an OTP has
	 * @return the store
	 */
	protected abstract OtpStore createStore(Duration ttl, int length);

	/**
	 * Let time pass for the store, by the clock that decides its expiry.
	 * @param duration how much
	 */
	protected abstract void elapse(Duration duration);

	@BeforeEach
	void createStoreUnderTest() {
		this.store = createStore(TTL, 6);
		this.store.clear();
	}

	@Test
	void generateReturnsZeroPaddedCodesOfTheConfiguredLength() {
		Set<String> codes = new HashSet<>();
		for (int i = 0; i < 2000; i++) {
			codes.add(this.store.generate(ATTRIBUTION));
		}
		assertThat(codes).allMatch((code) -> code.matches("[0-9]{6}"));
		assertThat(codes).as("about 10% start with 0").anyMatch((code) -> code.startsWith("0"));
		assertThat(codes).as("random").hasSizeGreaterThan(1900);
		OtpStore eightDigits = createStore(TTL, 8);
		assertThat(eightDigits.generate(ATTRIBUTION)).matches("[0-9]{8}");
	}

	@Test
	void verifyWhenCodeIsRightThenValidOnce() {
		String code = this.store.generate(ATTRIBUTION);
		assertThat(this.store.verify(code).verification()).isEqualTo(OtpVerification.VALID);
		assertThat(this.store.verify(code).verification()).isEqualTo(OtpVerification.NO_PENDING_OTP);
	}

	@Test
	void verifyWhenCodeIsWrongThenInvalidAndTheOtpIsSpent() {
		String code = this.store.generate(ATTRIBUTION);
		assertThat(this.store.verify(otherCode(code)).verification()).isEqualTo(OtpVerification.INVALID);
		assertThat(this.store.verify(code).verification()).isEqualTo(OtpVerification.NO_PENDING_OTP);
	}

	@Test
	void verifyWhenNothingIsPendingThenNoPendingOtp() {
		assertThat(this.store.verify("123456").verification()).isEqualTo(OtpVerification.NO_PENDING_OTP);
	}

	@Test
	void verifyJustBeforeExpiryThenValid() {
		String code = this.store.generate(ATTRIBUTION);
		elapse(TTL.minusSeconds(1));
		assertThat(this.store.verify(code).verification()).isEqualTo(OtpVerification.VALID);
	}

	@Test
	void verifyWhenExpiredThenExpiredEvenIfTheCodeIsRightAndTheOtpIsSpent() {
		String code = this.store.generate(ATTRIBUTION);
		elapse(TTL);
		assertThat(this.store.verify(code).verification()).isEqualTo(OtpVerification.EXPIRED);
		assertThat(this.store.verify(code).verification()).isEqualTo(OtpVerification.NO_PENDING_OTP);
	}

	@Test
	void verifyWhenExpiredWithWrongCodeThenExpired() {
		String code = this.store.generate(ATTRIBUTION);
		elapse(TTL.plusMinutes(5));
		assertThat(this.store.verify(otherCode(code)).verification()).isEqualTo(OtpVerification.EXPIRED);
	}

	@Test
	void verifyWhenExpiredLongerThanTheRetentionThenNoPendingOtp() {
		String code = this.store.generate(ATTRIBUTION);
		elapse(TTL.plus(PendingOtp.EXPIRED_RETENTION));
		assertThat(this.store.verify(code).verification()).isEqualTo(OtpVerification.NO_PENDING_OTP);
	}

	@Test
	void generateReplacesThePendingOtp() {
		String first = this.store.generate(ATTRIBUTION);
		String second = this.store.generate(ATTRIBUTION);
		while (second.equals(first)) {
			second = this.store.generate(ATTRIBUTION);
		}
		assertThat(this.store.verify(first).verification()).isEqualTo(OtpVerification.INVALID);
		assertThat(this.store.verify(second).verification()).isEqualTo(OtpVerification.NO_PENDING_OTP);
	}

	@Test
	void generateRestartsTheLifetime() {
		this.store.generate(ATTRIBUTION);
		elapse(TTL.minusSeconds(10));
		String code = this.store.generate(ATTRIBUTION);
		elapse(Duration.ofMinutes(5));
		assertThat(this.store.verify(code).verification()).isEqualTo(OtpVerification.VALID);
	}

	@Test
	void clearRemovesThePendingOtp() {
		String code = this.store.generate(ATTRIBUTION);
		this.store.clear();
		assertThat(this.store.verify(code).verification()).isEqualTo(OtpVerification.NO_PENDING_OTP);
		this.store.clear();
	}

	@ParameterizedTest
	@MethodSource("dev.breakglass.store.AbstractOtpStoreContractTests#malformedCodes")
	void verifyWhenCodeIsMalformedThenInvalidAndTheOtpIsSpent(String malformed) {
		String code = this.store.generate(ATTRIBUTION);
		assertThat(this.store.verify(malformed).verification()).isEqualTo(OtpVerification.INVALID);
		assertThat(this.store.verify(code).verification()).isEqualTo(OtpVerification.NO_PENDING_OTP);
	}

	static Stream<String> malformedCodes() {
		return Stream.of("", " ", "abcdef", "12345", "1234567", " 123456", "12345\0", "１２３４５６", "9".repeat(100_000),
				"' OR 1=1 --");
	}

	@Test
	void verifyWhenCodeIsNullThenRejectedAndThePendingOtpSurvives() {
		String code = this.store.generate(ATTRIBUTION);
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.verify(null).verification());
		assertThat(this.store.verify(code).verification()).isEqualTo(OtpVerification.VALID);
	}

	@Test
	void verifyWhenRacedWithTheRightCodeThenExactlyOneIsValid() throws Exception {
		try (Race race = new Race()) {
			for (int round = 0; round < ROUNDS; round++) {
				String code = this.store.generate(ATTRIBUTION);
				List<OtpVerification> results = race.run(() -> this.store.verify(code).verification());
				assertThat(results).as("round %d", round).containsOnlyOnce(OtpVerification.VALID);
				assertThat(results).filteredOn((result) -> result != OtpVerification.VALID)
					.containsOnly(OtpVerification.NO_PENDING_OTP);
			}
		}
	}

	@Test
	void verifyWhenRacedWithWrongCodesThenOnlyOneCallerSeesTheOtp() throws Exception {
		try (Race race = new Race()) {
			for (int round = 0; round < ROUNDS; round++) {
				String code = this.store.generate(ATTRIBUTION);
				String wrong = otherCode(code);
				List<OtpVerification> results = race
					.run((i) -> () -> this.store.verify((i == 0) ? code : wrong).verification());
				assertThat(results).as("round %d", round)
					.filteredOn((result) -> result != OtpVerification.NO_PENDING_OTP)
					.hasSize(1);
			}
		}
	}

	@Test
	void verifyWhenValidThenReturnsWhoAskedAndWhy() {
		String code = this.store.generate(ATTRIBUTION);
		assertThat(this.store.verify(code)).isEqualTo(new OtpVerificationResult(OtpVerification.VALID, ATTRIBUTION));
	}

	@Test
	void verifyWhenRejectedThenStillSaysWhoAskedForThePendingOtp() {
		String code = this.store.generate(ATTRIBUTION);
		assertThat(this.store.verify(otherCode(code)))
			.isEqualTo(new OtpVerificationResult(OtpVerification.INVALID, ATTRIBUTION));
		this.store.generate(ATTRIBUTION);
		elapse(TTL);
		assertThat(this.store.verify(code)).isEqualTo(new OtpVerificationResult(OtpVerification.EXPIRED, ATTRIBUTION));
		assertThat(this.store.verify(code)).isEqualTo(OtpVerificationResult.noPendingOtp());
	}

	@ParameterizedTest
	@MethodSource("dev.breakglass.store.AbstractOtpStoreContractTests#unusualAttributions")
	void generateKeepsAnyAcceptedRequesterAndReasonExactly(Attribution attribution) {
		String code = this.store.generate(attribution);
		assertThat(this.store.verify(code).attribution()).isEqualTo(attribution);
	}

	static Stream<Attribution> unusualAttributions() {
		return Stream.of(
				new Attribution("r".repeat(Attribution.MAX_REQUESTER_LENGTH),
						"w".repeat(Attribution.MAX_REASON_LENGTH)),
				new Attribution("ö'\"; DROP TABLE x; --", "v1;3:abc;9:x: ' OR 1=1 -- %s {} ${x}"),
				new Attribution("名前 😀", "Grund: Ärger 🔥 mit ;:,"), new Attribution("a", "b"));
	}

	@Test
	void generateWhenAttributionIsNullThenRejectedAndThePendingOtpSurvives() {
		String code = this.store.generate(ATTRIBUTION);
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.generate(null));
		assertThat(this.store.verify(code).verification()).isEqualTo(OtpVerification.VALID);
	}

	@Test
	void withdrawRemovesThePendingOtpWhenItIsThisCode() {
		String code = this.store.generate(ATTRIBUTION);
		assertThat(this.store.withdraw(code)).isTrue();
		assertThat(this.store.withdraw(code)).isFalse();
		assertThat(this.store.verify(code)).isEqualTo(OtpVerificationResult.noPendingOtp());
	}

	@Test
	void withdrawLeavesAnOtpGeneratedSinceAlone() {
		String first = this.store.generate(ATTRIBUTION);
		String second = this.store.generate(ATTRIBUTION);
		while (second.equals(first)) {
			second = this.store.generate(ATTRIBUTION);
		}
		assertThat(this.store.withdraw(first)).isFalse();
		assertThat(this.store.verify(second).verification()).isEqualTo(OtpVerification.VALID);
	}

	@ParameterizedTest
	@MethodSource("dev.breakglass.store.AbstractOtpStoreContractTests#malformedCodes")
	void withdrawWhenCodeIsMalformedThenFalseAndThePendingOtpSurvives(String malformed) {
		String code = this.store.generate(ATTRIBUTION);
		assertThat(this.store.withdraw(malformed)).isFalse();
		assertThat(this.store.verify(code).verification()).isEqualTo(OtpVerification.VALID);
	}

	@Test
	void withdrawWhenRacedWithAGenerateNeverRemovesTheNewOtp() throws Exception {
		try (Race race = new Race(2)) {
			for (int round = 0; round < ROUNDS; round++) {
				String mine = this.store.generate(ATTRIBUTION);
				List<String> results = race.run((i) -> () -> (i == 0) ? String.valueOf(this.store.withdraw(mine))
						: this.store.generate(ATTRIBUTION));
				String other = results.get(1);
				if (!other.equals(mine)) {
					assertThat(this.store.verify(other).verification()).as("round %d", round)
						.isEqualTo(OtpVerification.VALID);
				}
			}
		}
	}

	private static String otherCode(String code) {
		char first = code.charAt(0);
		return ((first == '9') ? '0' : (char) (first + 1)) + code.substring(1);
	}

	@ParameterizedTest
	@MethodSource("dev.breakglass.store.AbstractOtpStoreContractTests#unacceptedTtls")
	void createWhenTtlIsNotPositiveAndBoundedThenRejected(Duration ttl) {
		assertThatIllegalArgumentException().isThrownBy(() -> createStore(ttl, 6)).withMessageContaining("ttl");
	}

	static Stream<Duration> unacceptedTtls() {
		return Stream.of(Duration.ZERO, Duration.ofMillis(-1), Duration.ofSeconds(Long.MIN_VALUE),
				StoreLimits.MAX_TTL.plusMillis(1), Duration.ofSeconds(Long.MAX_VALUE));
	}

	@ParameterizedTest
	@ValueSource(ints = { Integer.MIN_VALUE, 0, 5, 11, 19, Integer.MAX_VALUE })
	void createWhenLengthIsNotFromSixToTenThenRejected(int length) {
		assertThatIllegalArgumentException().isThrownBy(() -> createStore(TTL, length)).withMessageContaining("length");
	}

	@ParameterizedTest
	@ValueSource(ints = { StoreLimits.MIN_OTP_LENGTH, StoreLimits.MAX_OTP_LENGTH })
	void createWhenLimitsAreTheWidestAcceptedThenVerifies(int length) {
		OtpStore store = createStore(StoreLimits.MAX_TTL, length);
		String code = store.generate(ATTRIBUTION);
		assertThat(code).hasSize(length);
		assertThat(store.verify(code).verification()).isEqualTo(OtpVerification.VALID);
	}

	@Test
	void pendingTellsTheOtpWithoutSpendingIt() {
		assertThat(this.store.pending()).isEmpty();
		String code = this.store.generate(ATTRIBUTION);
		PendingOtpStatus pending = this.store.pending().orElseThrow();
		assertThat(pending.attribution()).isEqualTo(ATTRIBUTION);
		assertThat(pending.expiresIn()).isPositive().isLessThanOrEqualTo(TTL);
		assertThat(pending.toString()).doesNotContain(code);
		assertThat(this.store.verify(code).verification()).as("still pending").isEqualTo(OtpVerification.VALID);
		assertThat(this.store.pending()).isEmpty();
	}

	@Test
	void pendingWhenTheOtpExpiredThenEmptyAndVerifyStillSaysExpired() {
		String code = this.store.generate(ATTRIBUTION);
		elapse(TTL);
		assertThat(this.store.pending()).isEmpty();
		assertThat(this.store.verify(code).verification()).isEqualTo(OtpVerification.EXPIRED);
	}

	@Test
	void eachOwnerHasAPendingOtpOfItsOwnThatNothingDoneUnderAnotherOwnerTouches() {
		Attribution bob = new Attribution("bob", "INC-4712: on call");
		String alices = this.store.generate("alice", ATTRIBUTION);
		String bobs = this.store.generate("bob", bob);
		String shared = this.store.generate(ATTRIBUTION);
		// another owner's generate, wrong guesses, right code and withdraw leave alice's
		// alone
		this.store.generate("mallory", ATTRIBUTION);
		assertThat(this.store.verify("mallory", otherCode(alices)).verification()).isEqualTo(OtpVerification.INVALID);
		assertThat(this.store.verify("mallory", alices).verification()).isEqualTo(OtpVerification.NO_PENDING_OTP);
		assertThat(this.store.withdraw("mallory", alices)).isFalse();
		assertThat(this.store.verify(alices).verification()).as("the shared OTP is another owner's too")
			.isNotEqualTo(OtpVerification.VALID);
		assertThat(this.store.pending("alice").map(PendingOtpStatus::attribution)).contains(ATTRIBUTION);
		assertThat(this.store.verify("alice", alices))
			.isEqualTo(new OtpVerificationResult(OtpVerification.VALID, ATTRIBUTION));
		assertThat(this.store.verify("bob", bobs)).isEqualTo(new OtpVerificationResult(OtpVerification.VALID, bob));
		assertThat(shared).isNotNull();
	}

	@Test
	void generateReplacesOnlyTheOwnersOwnPendingOtp() {
		String first = this.store.generate("alice", ATTRIBUTION);
		String bobs = this.store.generate("bob", ATTRIBUTION);
		String second = this.store.generate("alice", ATTRIBUTION);
		assertThat(this.store.withdraw("alice", first)).as("replaced").isEqualTo(first.equals(second));
		assertThat(this.store.verify("bob", bobs).verification()).isEqualTo(OtpVerification.VALID);
		assertThat(this.store.verify("alice", second).verification()).isEqualTo(OtpVerification.VALID);
	}

	@Test
	void clearRemovesTheOtpsOfEveryOwner() {
		String alices = this.store.generate("alice", ATTRIBUTION);
		String shared = this.store.generate(ATTRIBUTION);
		this.store.clear();
		assertThat(this.store.verify("alice", alices).verification()).isEqualTo(OtpVerification.NO_PENDING_OTP);
		assertThat(this.store.verify(shared).verification()).isEqualTo(OtpVerification.NO_PENDING_OTP);
	}

	@ParameterizedTest
	@ValueSource(strings = { " ", "ali\nce", "ad\u202emin" })
	void anOwnerThatCouldNotBeARequesterIsRejectedAndNothingIsSpent(String owner) {
		String code = this.store.generate(ATTRIBUTION);
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.generate(owner, ATTRIBUTION))
			.withMessageStartingWith("owner must");
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.verify(owner, code));
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.withdraw(owner, code));
		assertThat(this.store.verify(code).verification()).isEqualTo(OtpVerification.VALID);
	}

	@Test
	void verifyWhenRacedUnderTwoOwnersThenEachOwnersOtpIsValidExactlyOnce() throws Exception {
		try (Race race = new Race()) {
			for (int round = 0; round < ROUNDS / 5; round++) {
				String alices = this.store.generate("alice", ATTRIBUTION);
				String bobs = this.store.generate("bob", ATTRIBUTION);
				List<OtpVerification> results = race
					.run((i) -> () -> (i % 2 == 0) ? this.store.verify("alice", alices).verification()
							: this.store.verify("bob", bobs).verification());
				assertThat(results).as("round %d", round)
					.filteredOn((result) -> result == OtpVerification.VALID)
					.hasSize(2);
			}
		}
	}

	@Test
	void aDrillsFlagTravelsWithItsPendingOtpAndAPlainOneStaysPlain() {
		Attribution drill = new Attribution("alice", "quarterly drill", true);
		String code = this.store.generate("alice", drill);
		assertThat(this.store.pending("alice"))
			.hasValueSatisfying((pending) -> assertThat(pending.attribution()).isEqualTo(drill));
		OtpVerificationResult result = this.store.verify("alice", code);
		assertThat(result.isValid()).isTrue();
		assertThat(result.attribution()).isEqualTo(drill);
		String plain = this.store.generate("alice", ATTRIBUTION);
		assertThat(this.store.verify("alice", plain).attribution()).isEqualTo(ATTRIBUTION);
	}

}
