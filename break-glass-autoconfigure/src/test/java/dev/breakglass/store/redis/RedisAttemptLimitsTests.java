package dev.breakglass.store.redis;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.breakglass.autoconfigure.BreakGlassAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassMemoryAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassLettuceAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassRedisAutoConfiguration;
import dev.breakglass.service.BreakGlassDeniedException;
import dev.breakglass.service.BreakGlassLimit;
import dev.breakglass.service.BreakGlassRequest;
import dev.breakglass.service.BreakGlassService;
import dev.breakglass.service.BreakGlassThrottledException;
import dev.breakglass.test.Race;
import dev.breakglass.test.TestSecrets;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The limits at their defaults on two application contexts sharing one Redis: one count
 * for both.
 */
class RedisAttemptLimitsTests {

	@RegisterExtension
	final RedisTestKeys keys = new RedisTestKeys(getClass());

	private final ApplicationContextRunner node = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
				BreakGlassMemoryAutoConfiguration.class, BreakGlassLettuceAutoConfiguration.class,
				BreakGlassRedisAutoConfiguration.class, BreakGlassAutoConfiguration.class))
		.withPropertyValues(RedisTestServer.springProperties())
		.withPropertyValues("break-glass.store=redis", "break-glass.secret=" + TestSecrets.SECRET,
				"break-glass.otp.log-otp=true", "break-glass.redis.key-prefix=" + this.keys.prefix());

	@Test
	void bothNodesShareOneCountPerRequesterAndOverall() {
		this.node.run((one) -> this.node.run((two) -> {
			List<BreakGlassService> nodes = List.of(one.getBean(BreakGlassService.class),
					two.getBean(BreakGlassService.class));
			BreakGlassRequest alice = new BreakGlassRequest("alice", "INC-1");
			for (int i = 0; i < 3; i++) {
				nodes.get(i % 2).requestOtp(alice);
			}
			assertThatExceptionOfType(BreakGlassThrottledException.class)
				.isThrownBy(() -> nodes.get(1).requestOtp(alice))
				.satisfies((ex) -> assertThat(ex.limit()).isEqualTo(BreakGlassLimit.REQUESTS_PER_REQUESTER));
			for (int i = 0; i < 7; i++) {
				nodes.get(i % 2).requestOtp(new BreakGlassRequest("operator " + i, "INC-1"));
			}
			assertThatExceptionOfType(BreakGlassThrottledException.class)
				.isThrownBy(() -> nodes.get(0).requestOtp(new BreakGlassRequest("operator 8", "INC-1")))
				.satisfies((ex) -> assertThat(ex.limit()).isEqualTo(BreakGlassLimit.REQUESTS));
		}));
	}

	@Test
	void thirtyTwoThreadsOnTwoNodesNeverGetMoreThanTheLimit() {
		this.node.run((one) -> this.node.run((two) -> {
			List<ApplicationContext> nodes = List.of(one, two);
			BreakGlassRequest carol = new BreakGlassRequest("carol", "race");
			try (Race race = new Race()) {
				List<Boolean> sent = race.run((i) -> () -> {
					try {
						nodes.get(i % 2).getBean(BreakGlassService.class).requestOtp(carol);
						return true;
					}
					catch (BreakGlassThrottledException ex) {
						return false;
					}
				});
				assertThat(sent).filteredOn(Boolean::booleanValue).hasSize(3);
				List<Object> opens = race.run((i) -> () -> {
					try {
						return nodes.get(i % 2).getBean(BreakGlassService.class).open("123456");
					}
					catch (BreakGlassThrottledException ex) {
						return ex.limit();
					}
					catch (BreakGlassDeniedException ex) {
						return ex.reason();
					}
				});
				assertThat(opens).filteredOn(BreakGlassLimit.FAILED_OPENS::equals).hasSize(Race.THREADS - 5);
			}
		}));
	}

}
