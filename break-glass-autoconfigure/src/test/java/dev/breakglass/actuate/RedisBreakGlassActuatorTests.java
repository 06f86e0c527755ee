package dev.breakglass.actuate;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.breakglass.autoconfigure.BreakGlassAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassEndpointAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassLettuceAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassMemoryAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassRedisAutoConfiguration;
import dev.breakglass.store.redis.RedisTestKeys;
import dev.breakglass.store.redis.RedisTestServer;
import dev.breakglass.test.TestSecrets;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The endpoint and health on redis, and DOWN when Redis cannot be reached.
 */
class RedisBreakGlassActuatorTests extends AbstractBreakGlassActuatorTests {

	@RegisterExtension
	final RedisTestKeys keys = new RedisTestKeys(getClass());

	private ConfigurableApplicationContext context;

	private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	@Override
	protected ApplicationContext context() {
		if (this.context == null) {
			this.context = startNode();
		}
		return this.context;
	}

	@Override
	protected ConfigurableApplicationContext startNode(String... properties) {
		ConfigurableApplicationContext node = new SpringApplicationBuilder(RedisNode.class).web(WebApplicationType.NONE)
			.properties(RedisTestServer.springProperties())
			.properties("spring.main.banner-mode=off", "break-glass.store=redis",
					"break-glass.secret=" + TestSecrets.SECRET, "break-glass.otp.log-otp=true",
					"break-glass.redis.key-prefix=" + this.keys.prefix())
			.properties(properties)
			.run();
		this.nodes.add(node);
		return node;
	}

	/**
	 * Put a value of another type where the trail's list belongs: every append fails with
	 * Redis's WRONGTYPE error.
	 */
	@Override
	protected void breakTheAuditTrail(ConfigurableApplicationContext node) {
		StringRedisTemplate redis = this.keys.redis();
		if (Boolean.TRUE.equals(redis.hasKey(trailKey()))) {
			redis.rename(trailKey(), trailKey() + "-away");
		}
		redis.opsForValue().set(trailKey(), "not a list");
	}

	@Override
	protected void repairTheAuditTrail(ConfigurableApplicationContext node) {
		StringRedisTemplate redis = this.keys.redis();
		redis.delete(trailKey());
		if (Boolean.TRUE.equals(redis.hasKey(trailKey() + "-away"))) {
			redis.rename(trailKey() + "-away", trailKey());
		}
	}

	private String trailKey() {
		return this.keys.prefix() + "audit";
	}

	@AfterEach
	void stop() {
		this.nodes.forEach(ConfigurableApplicationContext::close);
	}

	@Override
	protected String backend() {
		return "redis";
	}

	@Test
	void healthIsDownAndTheEndpointSaysWhyWhenRedisCannotBeReached() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
					BreakGlassMemoryAutoConfiguration.class, BreakGlassLettuceAutoConfiguration.class,
					BreakGlassRedisAutoConfiguration.class, BreakGlassAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=1",
					"spring.data.redis.timeout=500ms", "spring.data.redis.connect-timeout=500ms",
					"break-glass.store=redis", "break-glass.secret=" + TestSecrets.SECRET,
					"break-glass.otp.log-otp=true")
			.run(this::assertDown);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataRedisAutoConfiguration.class, BreakGlassMemoryAutoConfiguration.class,
			BreakGlassLettuceAutoConfiguration.class, BreakGlassRedisAutoConfiguration.class,
			BreakGlassAutoConfiguration.class, BreakGlassEndpointAutoConfiguration.class })
	static class RedisNode {

	}

}
