package dev.breakglass.store.jpa;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.breakglass.service.BreakGlassDeniedException;
import dev.breakglass.service.BreakGlassRequest;
import dev.breakglass.service.BreakGlassService;
import dev.breakglass.service.BreakGlassSession;
import dev.breakglass.store.Attribution;
import dev.breakglass.store.AuthorizationCode;
import dev.breakglass.store.AuthorizationCodeStore;
import dev.breakglass.store.BreakGlassTokenStore;
import dev.breakglass.store.OneTimeTokenStore;
import dev.breakglass.store.OtpStore;
import dev.breakglass.store.OtpVerification;
import dev.breakglass.store.Redemption;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.TokenKind;
import dev.breakglass.test.Race;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.breakglass.test.Requests.ATTRIBUTION;

/**
 * Two application contexts on one database, as two nodes of a cluster: every consuming
 * operation, raced from both at once, has exactly one winner.
 */
class JpaTwoNodesTests {

	private static final int ROUNDS = 200;

	@RegisterExtension
	static final JpaDatabase database = new JpaDatabase("break-glass.limits.failed-opens=1000000",
			// 31 losers a round, and a winner that ends the run: never 100 in a row
			"break-glass.limits.lock-after-failures=100");

	private static ApplicationContext nodeA;

	private static ApplicationContext nodeB;

	@BeforeAll
	static void startSecondNode() {
		nodeA = database.node();
		nodeB = database.startNode();
	}

	private static <T> T on(int thread, Class<T> type) {
		return ((thread % 2 == 0) ? nodeA : nodeB).getBean(type);
	}

	@Test
	void takeOfOneCodeFromTwoNodesHasOneWinner() throws Exception {
		try (Race race = new Race()) {
			for (int round = 0; round < ROUNDS; round++) {
				AuthorizationCode code = new AuthorizationCode(Secrets.sha256(Secrets.newOneTimeToken()), "r" + round,
						database.now().plusSeconds(60));
				on(round, AuthorizationCodeStore.class).put(code);
				List<Optional<AuthorizationCode>> results = race
					.run((i) -> () -> on(i, AuthorizationCodeStore.class).take(code.codeHash()));
				assertThat(results).as("round %d", round).filteredOn(Optional::isPresent).hasSize(1);
			}
		}
	}

	@Test
	void redeemOfOneCodeFromTwoNodesHasOneWinnerAndEveryOtherFindsTheTombstone() throws Exception {
		try (Race race = new Race()) {
			for (int round = 0; round < ROUNDS; round++) {
				AuthorizationCode code = new AuthorizationCode(Secrets.sha256(Secrets.newOneTimeToken()), "r" + round,
						database.now().plusSeconds(60));
				on(round, AuthorizationCodeStore.class).put(code);
				List<Redemption> results = race
					.run((i) -> () -> on(i, AuthorizationCodeStore.class).redeem(code.codeHash()));
				assertThat(results).as("round %d", round)
					.filteredOn(Redemption.Redeemed.class::isInstance)
					.containsExactly(new Redemption.Redeemed(code));
				assertThat(results).as("round %d", round)
					.filteredOn(Redemption.AlreadyRedeemed.class::isInstance)
					.hasSize(Race.THREADS - 1);
			}
		}
	}

	@Test
	void consumeOfOneTokenFromTwoNodesHasOneWinner() throws Exception {
		try (Race race = new Race()) {
			for (int round = 0; round < ROUNDS; round++) {
				String token = on(round, OneTimeTokenStore.class).issue("user", TokenKind.MAGIC_LINK,
						Duration.ofMinutes(5));
				List<Optional<String>> results = race
					.run((i) -> () -> on(i, OneTimeTokenStore.class).consume(token, TokenKind.MAGIC_LINK));
				assertThat(results).as("round %d", round).filteredOn(Optional::isPresent).hasSize(1);
			}
		}
	}

	@Test
	void verifyOfOneOtpFromTwoNodesHasOneWinner() throws Exception {
		try (Race race = new Race()) {
			for (int round = 0; round < ROUNDS; round++) {
				String code = on(round, OtpStore.class).generate(ATTRIBUTION);
				List<OtpVerification> results = race
					.run((i) -> () -> on(i, OtpStore.class).verify(code).verification());
				assertThat(results).as("round %d", round).containsOnlyOnce(OtpVerification.VALID);
			}
		}
	}

	@Test
	void revokeOfOneSessionTokenFromTwoNodesHasOneWinner() throws Exception {
		try (Race race = new Race()) {
			for (int round = 0; round < ROUNDS; round++) {
				String token = on(round, BreakGlassTokenStore.class).issue(ATTRIBUTION).token();
				List<Boolean> results = race.run((i) -> () -> on(i, BreakGlassTokenStore.class).revoke(token));
				assertThat(results).as("round %d", round).containsOnlyOnce(true);
			}
		}
	}

	@Test
	void whoAskedAndWhyTravelFromTheOtpOnOneNodeToTheSessionOnTheOther() {
		BreakGlassRequest request = new BreakGlassRequest("carol@example.com", "INC-7: payments down");
		String otp = nodeA.getBean(OtpStore.class).generate(new Attribution(request.requester(), request.reason()));
		BreakGlassSession session = nodeB.getBean(BreakGlassService.class).open(otp);
		assertThat(session.requester()).isEqualTo(request.requester());
		assertThat(session.reason()).isEqualTo(request.reason());
		assertThat(nodeA.getBean(BreakGlassService.class).authenticate(session.token())).hasValueSatisfying((found) -> {
			assertThat(found.requester()).isEqualTo(request.requester());
			assertThat(found.reason()).isEqualTo(request.reason());
			assertThat(found.token()).isNull();
		});
	}

	@Test
	void anOtpRequestedOnOneNodeOpensASessionOnTheOtherOnce() throws Exception {
		try (Race race = new Race()) {
			for (int round = 0; round < ROUNDS / 4; round++) {
				String otp = on(round, OtpStore.class).generate(ATTRIBUTION);
				List<Object> results = race.run((i) -> () -> {
					try {
						return on(i + 1, BreakGlassService.class).open(otp);
					}
					catch (BreakGlassDeniedException ex) {
						return ex.reason();
					}
				});
				List<BreakGlassSession> sessions = results.stream()
					.filter(BreakGlassSession.class::isInstance)
					.map(BreakGlassSession.class::cast)
					.toList();
				assertThat(sessions).as("round %d", round).hasSize(1);
				assertThat(on(round, BreakGlassService.class).authenticate(sessions.get(0).token())).isPresent();
			}
		}
	}

}
