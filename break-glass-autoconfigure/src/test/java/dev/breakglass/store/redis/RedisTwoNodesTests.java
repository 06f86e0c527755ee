package dev.breakglass.store.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.breakglass.store.ActiveToken;
import dev.breakglass.autoconfigure.BreakGlassAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassMemoryAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassLettuceAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassRedisAutoConfiguration;
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
import dev.breakglass.test.TestSecrets;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.breakglass.test.Requests.ATTRIBUTION;

/**
 * Two application contexts on one Redis, as two nodes of one application, racing to
 * consume the same secrets: exactly one caller wins each round, whichever node it is on.
 */
class RedisTwoNodesTests {

	private static final int ROUNDS = 250;

	@RegisterExtension
	final RedisTestKeys keys = new RedisTestKeys(getClass());

	private final ApplicationContextRunner node = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
				BreakGlassMemoryAutoConfiguration.class, BreakGlassLettuceAutoConfiguration.class,
				BreakGlassRedisAutoConfiguration.class, BreakGlassAutoConfiguration.class))
		.withPropertyValues(this.keys.springProperties())
		.withPropertyValues("break-glass.store=redis", "break-glass.secret=" + TestSecrets.SECRET,
				"break-glass.otp.log-otp=true", "break-glass.redis.key-prefix=" + this.keys.prefix());

	@Test
	void takeWhenRacedOnTwoNodesThenExactlyOneGetsTheCodeEveryRound() throws Exception {
		onTwoNodes((nodes) -> {
			List<AuthorizationCodeStore> stores = beans(nodes, AuthorizationCodeStore.class);
			Wins wins = new Wins();
			try (Race race = new Race()) {
				for (int round = 0; round < ROUNDS; round++) {
					AuthorizationCode code = new AuthorizationCode(Secrets.sha256(Secrets.newOneTimeToken()),
							"round " + round, Instant.now().plusSeconds(60));
					stores.get(round % 2).put(code);
					wins.record(round, race.run((i) -> () -> stores.get(i % 2).take(code.codeHash()).isPresent()));
				}
			}
			wins.assertBothNodesWon();
		});
	}

	@Test
	void redeemWhenRacedOnTwoNodesThenExactlyOneRedeemsAndEveryOtherFindsTheTombstoneEveryRound() throws Exception {
		onTwoNodes((nodes) -> {
			List<AuthorizationCodeStore> stores = beans(nodes, AuthorizationCodeStore.class);
			Wins wins = new Wins();
			try (Race race = new Race()) {
				for (int round = 0; round < ROUNDS; round++) {
					AuthorizationCode code = new AuthorizationCode(Secrets.sha256(Secrets.newOneTimeToken()),
							"round " + round, Instant.now().plusSeconds(60));
					stores.get(round % 2).put(code);
					List<Redemption> results = race.run((i) -> () -> stores.get(i % 2).redeem(code.codeHash()));
					assertThat(results).as("round %d", round)
						.filteredOn(Redemption.AlreadyRedeemed.class::isInstance)
						.hasSize(Race.THREADS - 1);
					wins.record(round, results.stream().map(Redemption.Redeemed.class::isInstance).toList());
				}
			}
			wins.assertBothNodesWon();
		});
	}

	@Test
	void consumeWhenRacedOnTwoNodesThenExactlyOneGetsTheSubjectEveryRound() throws Exception {
		onTwoNodes((nodes) -> {
			List<OneTimeTokenStore> stores = beans(nodes, OneTimeTokenStore.class);
			Wins wins = new Wins();
			try (Race race = new Race()) {
				for (int round = 0; round < ROUNDS; round++) {
					String token = stores.get(round % 2)
						.issue("user-" + round, TokenKind.MAGIC_LINK, Duration.ofMinutes(5));
					String subject = "user-" + round;
					wins.record(round,
							race.run((i) -> () -> stores.get(i % 2)
								.consume(token, TokenKind.MAGIC_LINK)
								.filter(subject::equals)
								.isPresent()));
				}
			}
			wins.assertBothNodesWon();
		});
	}

	@Test
	void verifyWhenRacedOnTwoNodesThenExactlyOneIsValidEveryRound() throws Exception {
		onTwoNodes((nodes) -> {
			List<OtpStore> stores = beans(nodes, OtpStore.class);
			Wins wins = new Wins();
			try (Race race = new Race()) {
				for (int round = 0; round < ROUNDS; round++) {
					String code = stores.get(round % 2).generate(ATTRIBUTION);
					List<OtpVerification> results = race
						.run((i) -> () -> stores.get(i % 2).verify(code).verification());
					assertThat(results).as("round %d", round)
						.filteredOn((result) -> result != OtpVerification.VALID)
						.containsOnly(OtpVerification.NO_PENDING_OTP);
					wins.record(round, results.stream().map(OtpVerification.VALID::equals).toList());
				}
			}
			wins.assertBothNodesWon();
		});
	}

	@Test
	void revokeWhenRacedOnTwoNodesThenExactlyOneWinsEveryRound() throws Exception {
		onTwoNodes((nodes) -> {
			List<BreakGlassTokenStore> stores = beans(nodes, BreakGlassTokenStore.class);
			Wins wins = new Wins();
			try (Race race = new Race()) {
				for (int round = 0; round < ROUNDS; round++) {
					String token = stores.get(round % 2).issue(ATTRIBUTION).token();
					assertThat(stores.get((round + 1) % 2).lookup(token).map(ActiveToken::issuedAt)).isPresent();
					wins.record(round, race.run((i) -> () -> stores.get(i % 2).revoke(token)));
					assertThat(stores.get(0).lookup(token).map(ActiveToken::issuedAt)).isEmpty();
				}
			}
			wins.assertBothNodesWon();
		});
	}

	@Test
	void whoAskedAndWhyTravelFromTheOtpOnOneNodeToTheSessionOnTheOther() {
		Attribution carol = new Attribution("carol@example.com", "INC-7: payments down");
		onTwoNodes((nodes) -> {
			String otp = nodes.get(0).getBean(OtpStore.class).generate(carol);
			BreakGlassSession session = nodes.get(1).getBean(BreakGlassService.class).open(otp);
			assertThat(session.requester()).isEqualTo(carol.requester());
			assertThat(session.reason()).isEqualTo(carol.reason());
			assertThat(nodes.get(0).getBean(BreakGlassService.class).authenticate(session.token()))
				.hasValueSatisfying((found) -> {
					assertThat(found.requester()).isEqualTo(carol.requester());
					assertThat(found.reason()).isEqualTo(carol.reason());
					assertThat(found.token()).isNull();
				});
		});
	}

	private void onTwoNodes(TwoNodesTest test) {
		this.node.run((one) -> this.node.run((two) -> {
			assertThat(one).hasNotFailed();
			assertThat(two).hasNotFailed();
			assertThat(one.getBean(RedisConnectionFactory.class)).as("each node has its own connection to Redis")
				.isNotSameAs(two.getBean(RedisConnectionFactory.class));
			test.run(List.of(one, two));
		}));
	}

	private static <T> List<T> beans(List<ApplicationContext> nodes, Class<T> type) {
		return nodes.stream().map((node) -> node.getBean(type)).toList();
	}

	@FunctionalInterface
	private interface TwoNodesTest {

		void run(List<ApplicationContext> nodes) throws Exception;

	}

	/**
	 * Who won each round: thread {@code i} runs on node {@code i % 2}.
	 */
	private static final class Wins {

		private final int[] byNode = new int[2];

		void record(int round, List<Boolean> won) {
			assertThat(won).as("round %d", round).containsOnlyOnce(true);
			this.byNode[won.indexOf(true) % 2]++;
		}

		void assertBothNodesWon() {
			assertThat(this.byNode).as("rounds won by each node").doesNotContain(0);
		}

	}

}
