package dev.breakglass.store.redis;

import org.junit.jupiter.api.extension.RegisterExtension;

import dev.breakglass.autoconfigure.BreakGlassAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassLettuceAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassMemoryAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassRedisAutoConfiguration;
import dev.breakglass.service.AbstractApprovalAndDrillTests;
import dev.breakglass.test.TestSecrets;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two-person approval on two nodes of one Redis.
 */
class RedisApprovalAndDrillTests extends AbstractApprovalAndDrillTests {

	@RegisterExtension
	final RedisTestKeys keys = new RedisTestKeys(getClass());

	private final ApplicationContextRunner node = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
				BreakGlassMemoryAutoConfiguration.class, BreakGlassLettuceAutoConfiguration.class,
				BreakGlassRedisAutoConfiguration.class, BreakGlassAutoConfiguration.class))
		.withPropertyValues(this.keys.springProperties())
		.withPropertyValues("break-glass.store=redis", "break-glass.secret=" + TestSecrets.SECRET,
				"break-glass.otp.log-otp=true", "break-glass.redis.key-prefix=" + this.keys.prefix());

	@Override
	protected void onTwoNodes(TwoNodes test) {
		this.node.run((one) -> this.node.run((two) -> {
			assertThat(one).hasNotFailed();
			assertThat(two).hasNotFailed();
			test.run(one, two);
		}));
	}

}
