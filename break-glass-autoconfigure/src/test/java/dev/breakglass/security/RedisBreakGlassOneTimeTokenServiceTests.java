package dev.breakglass.security;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.breakglass.autoconfigure.BreakGlassAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassMemoryAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassOneTimeTokenLoginAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassLettuceAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassRedisAutoConfiguration;
import dev.breakglass.store.OneTimeTokenStore;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.StoreUnavailableException;
import dev.breakglass.store.redis.RedisOneTimeTokenStore;
import dev.breakglass.store.redis.RedisTestKeys;
import dev.breakglass.store.redis.RedisTestServer;
import dev.breakglass.test.Race;
import dev.breakglass.test.TestSecrets;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.authentication.ott.GenerateOneTimeTokenRequest;
import org.springframework.security.authentication.ott.OneTimeToken;
import org.springframework.security.authentication.ott.OneTimeTokenService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RedisBreakGlassOneTimeTokenServiceTests extends AbstractBreakGlassOneTimeTokenServiceTests {

	private static final int ROUNDS = 100;

	@RegisterExtension
	final RedisTestKeys keys = new RedisTestKeys(getClass());

	private final ApplicationContextRunner node = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(DataRedisAutoConfiguration.class, BreakGlassMemoryAutoConfiguration.class,
						BreakGlassLettuceAutoConfiguration.class, BreakGlassRedisAutoConfiguration.class,
						BreakGlassAutoConfiguration.class, BreakGlassOneTimeTokenLoginAutoConfiguration.class))
		.withPropertyValues(RedisTestServer.springProperties())
		.withPropertyValues("break-glass.store=redis", "break-glass.secret=" + TestSecrets.SECRET,
				"break-glass.otp.log-otp=true", "break-glass.redis.key-prefix=" + this.keys.prefix());

	@Override
	protected OneTimeTokenStore createStore() {
		return new RedisOneTimeTokenStore(this.keys.redis(), this.keys.prefix());
	}

	@Override
	protected void elapse(Duration duration) {
		this.keys.elapse(duration);
	}

	@Override
	protected Clock clock() {
		// Redis runs on this machine: its clock is this one.
		return Clock.systemUTC();
	}

	@Test
	void nothingOfTheTokenIsAtRest() {
		OneTimeToken generated = service().generate(new GenerateOneTimeTokenRequest("alice@example.com"));
		Map<String, String> entries = this.keys.entries();
		assertThat(entries).hasSize(1);
		entries.forEach((key, value) -> {
			assertThat(key).doesNotContain(generated.getTokenValue());
			assertThat(value).doesNotContain(generated.getTokenValue()).contains("alice@example.com");
		});
	}

	@Test
	void consumeWhenRacedOnTwoNodesThenExactlyOneOneTimeTokenEveryRound() {
		this.node.run((one) -> this.node.run((two) -> {
			List<OneTimeTokenService> nodes = List.of(one.getBean(OneTimeTokenService.class),
					two.getBean(OneTimeTokenService.class));
			assertThat(nodes)
				.allSatisfy((service) -> assertThat(service).isInstanceOf(BreakGlassOneTimeTokenService.class));
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
		}));
	}

	@Test
	void whenRedisIsUnreachableThenAnExceptionNeverNull() {
		LettuceConnectionFactory unreachable = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", 1),
				LettuceClientConfiguration.builder().commandTimeout(Duration.ofMillis(500)).build());
		unreachable.afterPropertiesSet();
		unreachable.start();
		try {
			BreakGlassOneTimeTokenService down = new BreakGlassOneTimeTokenService(
					new RedisOneTimeTokenStore(new StringRedisTemplate(unreachable), this.keys.prefix()),
					Clock.systemUTC());
			assertThatExceptionOfType(StoreUnavailableException.class)
				.isThrownBy(() -> down.consume(authentication(Secrets.newOneTimeToken())));
			assertThatExceptionOfType(StoreUnavailableException.class)
				.isThrownBy(() -> down.generate(new GenerateOneTimeTokenRequest("alice")));
			assertThat(down.consume(authentication("not a token"))).isNull();
		}
		finally {
			unreachable.destroy();
		}
	}

}
