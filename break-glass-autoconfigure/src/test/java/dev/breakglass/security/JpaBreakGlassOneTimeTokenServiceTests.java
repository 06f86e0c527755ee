package dev.breakglass.security;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.breakglass.store.OneTimeTokenStore;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.jpa.JpaDatabase;
import dev.breakglass.store.jpa.JpaOneTimeTokenStore;
import dev.breakglass.test.Race;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.ott.GenerateOneTimeTokenRequest;
import org.springframework.security.authentication.ott.OneTimeToken;

import static org.assertj.core.api.Assertions.assertThat;

class JpaBreakGlassOneTimeTokenServiceTests extends AbstractBreakGlassOneTimeTokenServiceTests {

	private static final int ROUNDS = 100;

	@RegisterExtension
	static final JpaDatabase database = new JpaDatabase();

	@Override
	protected OneTimeTokenStore createStore() {
		return new JpaOneTimeTokenStore(database.statements());
	}

	@Override
	protected void elapse(Duration duration) {
		database.elapse(duration);
	}

	@Override
	protected Clock clock() {
		// PostgreSQL runs on this machine: its clock is this one.
		return Clock.systemUTC();
	}

	@Test
	void nothingOfTheTokenIsAtRest() {
		OneTimeToken generated = service().generate(new GenerateOneTimeTokenRequest("alice@example.com"));
		List<String> rows = database.dump();
		assertThat(rows).singleElement()
			.satisfies((row) -> assertThat(row).doesNotContain(generated.getTokenValue())
				.contains(Secrets.sha256(generated.getTokenValue()).substring(0, 16)));
	}

	@Test
	void consumeWhenRacedOnTwoNodesThenExactlyOneOneTimeTokenEveryRound() throws Exception {
		ConfigurableApplicationContext other = database.startNode();
		List<BreakGlassOneTimeTokenService> nodes = List.of(service(),
				new BreakGlassOneTimeTokenService(other.getBean(OneTimeTokenStore.class), Clock.systemUTC()));
		int[] wins = new int[2];
		try (Race race = new Race()) {
			for (int round = 0; round < ROUNDS; round++) {
				String username = "user-" + round;
				OneTimeToken generated = nodes.get(round % 2).generate(new GenerateOneTimeTokenRequest(username));
				List<OneTimeToken> results = race
					.run((i) -> () -> nodes.get(i % 2).consume(authentication(generated.getTokenValue())));
				assertThat(results).as("round %d", round)
					.filteredOn(Objects::nonNull)
					.singleElement()
					.satisfies((won) -> assertThat(won.getUsername()).isEqualTo(username));
				wins[results.indexOf(results.stream().filter(Objects::nonNull).findFirst().orElseThrow()) % 2]++;
			}
		}
		assertThat(wins).as("wins of each node").doesNotContain(0);
	}

}
