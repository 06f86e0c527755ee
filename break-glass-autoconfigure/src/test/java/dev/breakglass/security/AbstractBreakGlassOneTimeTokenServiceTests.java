package dev.breakglass.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.breakglass.store.OneTimeTokenStore;
import dev.breakglass.store.StoreLimits;
import dev.breakglass.store.TokenKind;
import dev.breakglass.test.Race;
import org.springframework.security.authentication.ott.GenerateOneTimeTokenRequest;
import org.springframework.security.authentication.ott.InvalidOneTimeTokenException;
import org.springframework.security.authentication.ott.OneTimeToken;
import org.springframework.security.authentication.ott.OneTimeTokenAuthenticationProvider;
import org.springframework.security.authentication.ott.OneTimeTokenAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * What {@link BreakGlassOneTimeTokenService} promises Spring Security on every backend.
 * Each backend extends this class.
 */
abstract class AbstractBreakGlassOneTimeTokenServiceTests {

	private static final int ROUNDS = 50;

	private OneTimeTokenStore store;

	private BreakGlassOneTimeTokenService service;

	/**
	 * Create the store the service under test uses, empty.
	 * @return the store
	 */
	protected abstract OneTimeTokenStore createStore();

	/**
	 * Let time pass for the store, by the clock that decides its expiry.
	 * @param duration how much
	 */
	protected abstract void elapse(Duration duration);

	/**
	 * The clock that decides the store's expiry (or, for a database's or Redis's clock,
	 * one that agrees with it).
	 * @return the clock
	 */
	protected abstract Clock clock();

	private Instant now() {
		return clock().instant();
	}

	@BeforeEach
	void createServiceUnderTest() {
		this.store = createStore();
		this.service = new BreakGlassOneTimeTokenService(this.store, clock());
	}

	/**
	 * The service under test.
	 * @return the service
	 */
	protected BreakGlassOneTimeTokenService service() {
		return this.service;
	}

	@Test
	void generateThenConsumeOnceThenNull() {
		Instant before = now();
		OneTimeToken generated = this.service
			.generate(new GenerateOneTimeTokenRequest("alice", Duration.ofMinutes(10)));
		assertThat(generated.getUsername()).isEqualTo("alice");
		assertThat(generated.getTokenValue()).matches("[0-9a-f]{64}");
		assertThat(generated.getExpiresAt()).isBetween(before.plus(Duration.ofMinutes(10)).minusSeconds(2),
				now().plus(Duration.ofMinutes(10)).plusSeconds(2));

		OneTimeToken consumed = this.service.consume(authentication(generated.getTokenValue()));
		assertThat(consumed).isNotNull();
		assertThat(consumed.getTokenValue()).isEqualTo(generated.getTokenValue());
		assertThat(consumed.getUsername()).isEqualTo("alice");
		assertThat(consumed.getExpiresAt()).isCloseTo(generated.getExpiresAt(), within(Duration.ofSeconds(2)));
		assertThat(this.service.consume(authentication(generated.getTokenValue()))).isNull();
	}

	@Test
	void generateIssuesForTheRequestsExpiresIn() {
		OneTimeToken shortLived = this.service
			.generate(new GenerateOneTimeTokenRequest("alice", Duration.ofMinutes(1)));
		OneTimeToken longerLived = this.service.generate(new GenerateOneTimeTokenRequest("bob", Duration.ofMinutes(3)));
		elapse(Duration.ofMinutes(1));
		assertThat(this.service.consume(authentication(shortLived.getTokenValue()))).isNull();
		assertThat(this.service.consume(authentication(longerLived.getTokenValue()))).isNotNull();
	}

	@Test
	void generateWithSpringSecuritysDefaultExpiresInThenExpiredAfterFiveMinutes() {
		OneTimeToken justInTime = this.service.generate(new GenerateOneTimeTokenRequest("alice"));
		OneTimeToken late = this.service.generate(new GenerateOneTimeTokenRequest("bob"));
		elapse(Duration.ofMinutes(5).minusSeconds(1));
		assertThat(this.service.consume(authentication(justInTime.getTokenValue()))).isNotNull();
		elapse(Duration.ofSeconds(1));
		assertThat(this.service.consume(authentication(late.getTokenValue()))).isNull();
	}

	@Test
	void consumeWhenTheTokenIsOfAnotherKindThenNullAndTheTokenIsSpent() {
		String passwordReset = this.store.issue("alice", TokenKind.PASSWORD_RESET, Duration.ofMinutes(5));
		assertThat(this.service.consume(authentication(passwordReset))).isNull();
		assertThat(this.store.consume(passwordReset, TokenKind.PASSWORD_RESET)).isEmpty();
	}

	@Test
	void generateIssuesMagicLinkTokensOnly() {
		OneTimeToken generated = this.service.generate(new GenerateOneTimeTokenRequest("alice"));
		assertThat(this.store.consume(generated.getTokenValue(), TokenKind.PASSWORD_RESET)).isEmpty();
		assertThat(this.service.consume(authentication(generated.getTokenValue()))).isNull();
	}

	@ParameterizedTest
	@MethodSource("dev.breakglass.security.AbstractBreakGlassOneTimeTokenServiceTests#malformedTokens")
	void consumeWhenTheTokenIsMalformedThenNullAndIssuedTokensSurvive(String malformed) {
		OneTimeToken generated = this.service.generate(new GenerateOneTimeTokenRequest("alice"));
		assertThat(this.service.consume(authentication(malformed))).isNull();
		assertThat(this.service.consume(authentication(generated.getTokenValue().toUpperCase()))).isNull();
		assertThat(this.service.consume(authentication(generated.getTokenValue()))).isNotNull();
	}

	static Stream<String> malformedTokens() {
		return Stream.of("", " ", "x", "g".repeat(64), "a".repeat(63), "a".repeat(65), "a".repeat(100_000),
				"\0".repeat(64), "' OR 1=1 --", "%00", "../../etc/passwd");
	}

	@Test
	@SuppressWarnings("removal")
	void consumeWhenThereIsNoTokenValueThenNull() {
		assertThat(this.service.consume(null)).isNull();
		assertThat(this.service.consume(new OneTimeTokenAuthenticationToken("alice", (String) null))).isNull();
	}

	@Test
	void consumeWhenTheTokenIsUnknownThenNull() {
		assertThat(this.service.consume(authentication("0".repeat(64)))).isNull();
	}

	@Test
	void generateWhenTheStoreCannotTakeTheRequestThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.service
			.generate(new GenerateOneTimeTokenRequest("x".repeat(StoreLimits.MAX_SUBJECT_LENGTH + 1))));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.service.generate(new GenerateOneTimeTokenRequest("alice", Duration.ZERO)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.service.generate(new GenerateOneTimeTokenRequest("alice", Duration.ofDays(-1))));
	}

	@Test
	void consumeWhenRacedThenExactlyOneOneTimeToken() throws Exception {
		try (Race race = new Race()) {
			for (int round = 0; round < ROUNDS; round++) {
				String username = "user-" + round;
				OneTimeToken generated = this.service.generate(new GenerateOneTimeTokenRequest(username));
				List<OneTimeToken> results = race
					.run(() -> this.service.consume(authentication(generated.getTokenValue())));
				assertThat(results).as("round %d", round)
					.filteredOn(Objects::nonNull)
					.singleElement()
					.satisfies((won) -> assertThat(won.getUsername()).isEqualTo(username));
			}
		}
	}

	@Test
	void springSecuritysProviderLogsInOnceWithAToken() {
		InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(
				User.withUsername("alice").password("{noop}unused").roles("USER").build());
		OneTimeTokenAuthenticationProvider provider = new OneTimeTokenAuthenticationProvider(this.service, users);
		OneTimeToken generated = this.service.generate(new GenerateOneTimeTokenRequest("alice"));
		Authentication authenticated = provider.authenticate(authentication(generated.getTokenValue()));
		assertThat(authenticated.isAuthenticated()).isTrue();
		assertThat(authenticated.getName()).isEqualTo("alice");
		assertThatExceptionOfType(InvalidOneTimeTokenException.class)
			.isThrownBy(() -> provider.authenticate(authentication(generated.getTokenValue())));
	}

	/**
	 * What Spring Security's filter hands the service for a submitted token.
	 * @param tokenValue the token submitted
	 * @return the authentication request
	 */
	protected static OneTimeTokenAuthenticationToken authentication(String tokenValue) {
		return new OneTimeTokenAuthenticationToken(tokenValue);
	}

}
