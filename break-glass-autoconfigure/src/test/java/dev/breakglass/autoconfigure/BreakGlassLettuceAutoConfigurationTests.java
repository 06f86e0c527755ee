package dev.breakglass.autoconfigure;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import org.junit.jupiter.api.Test;

import dev.breakglass.store.redis.RedisTestServer;
import dev.breakglass.test.TestSecrets;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's Lettuce client is set to send each command at most once whenever a
 * store uses redis, and a client set otherwise (by a customizer of the application's,
 * after ours) stops start-up unless the guarantee is given up by name.
 */
class BreakGlassLettuceAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
				BreakGlassMemoryAutoConfiguration.class, BreakGlassLettuceAutoConfiguration.class,
				BreakGlassRedisAutoConfiguration.class, BreakGlassAutoConfiguration.class))
		.withPropertyValues(RedisTestServer.springProperties())
		.withPropertyValues("break-glass.secret=" + TestSecrets.SECRET, "break-glass.otp.log-otp=true");

	@Test
	void aRedisStoreSetsTheClientToRejectCommandsWhileDisconnected() {
		this.contextRunner.withPropertyValues("break-glass.one-time-token.store=redis").run((context) -> {
			assertThat(context).hasNotFailed();
			ClientOptions options = options(context.getBean(LettuceConnectionFactory.class));
			assertThat(options.isAutoReconnect()).isTrue();
			assertThat(options.getDisconnectedBehavior()).isEqualTo(DisconnectedBehavior.REJECT_COMMANDS);
		});
	}

	@Test
	void withoutARedisStoreTheApplicationsClientIsLeftAlone() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(BreakGlassLettuceAutoConfiguration.class);
			assertThat(options(context.getBean(LettuceConnectionFactory.class)).getDisconnectedBehavior())
				.isEqualTo(DisconnectedBehavior.DEFAULT);
		});
	}

	@Test
	void aCustomizerOfTheApplicationsThatResendsStopsStartUpSayingWhatToDo() {
		this.contextRunner.withPropertyValues("break-glass.store=redis")
			.withBean("resending", LettuceClientOptionsBuilderCustomizer.class,
					() -> (options) -> options.disconnectedBehavior(DisconnectedBehavior.ACCEPT_COMMANDS))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context).getFailure()
					.rootCause()
					.isInstanceOf(RedisClientResendsException.class)
					.hasMessageContaining("disconnected behavior ACCEPT_COMMANDS");
				FailureAnalysis analysis = new RedisClientResendsFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getAction()).contains("REJECT_COMMANDS")
					.contains("break-glass.redis.at-most-once=false");
			});
	}

	@Test
	void givingUpTheGuaranteeByNameLeavesTheClientAsTheApplicationSetIt() {
		this.contextRunner.withPropertyValues("break-glass.store=redis", "break-glass.redis.at-most-once=false")
			.withBean("resending", LettuceClientOptionsBuilderCustomizer.class,
					() -> (options) -> options.disconnectedBehavior(DisconnectedBehavior.ACCEPT_COMMANDS))
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(BreakGlassLettuceAutoConfiguration.class);
				assertThat(options(context.getBean(LettuceConnectionFactory.class)).getDisconnectedBehavior())
					.isEqualTo(DisconnectedBehavior.ACCEPT_COMMANDS);
			});
	}

	@Test
	void versionsCompareByTheirNumbers() {
		assertThat(LettuceAtMostOnce.compare("7.5.2.RELEASE", LettuceAtMostOnce.MINIMUM_VERSION)).isPositive();
		assertThat(LettuceAtMostOnce.compare("7.5", "7.5.0")).isZero();
		assertThat(LettuceAtMostOnce.compare("6.8.1.RELEASE", "7.5")).isNegative();
		assertThat(LettuceAtMostOnce.compare("7.10.0", "7.5")).isPositive();
	}

	@Test
	void failureAnalyzerIsRegistered() throws Exception {
		try (var factories = getClass().getResourceAsStream("/META-INF/spring.factories")) {
			assertThat(new String(factories.readAllBytes()))
				.contains(RedisClientResendsFailureAnalyzer.class.getName());
		}
	}

	private static ClientOptions options(LettuceConnectionFactory factory) {
		return factory.getClientConfiguration().getClientOptions().orElseThrow();
	}

}
