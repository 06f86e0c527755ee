package dev.breakglass.store.redis;

import java.time.Clock;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.breakglass.autoconfigure.BreakGlassAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassLettuceAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassMemoryAutoConfiguration;
import dev.breakglass.autoconfigure.BreakGlassRedisAutoConfiguration;
import dev.breakglass.store.AbstractFaultsMidCallTests;
import dev.breakglass.store.BreakGlassTokenStore;
import dev.breakglass.store.SessionLifetime;
import dev.breakglass.test.FaultProxy;
import dev.breakglass.test.TestSecrets;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The redis backend under faults mid-call, through a proxy to the single server, with a
 * command and connect timeout of 300 ms.
 */
class RedisFaultsMidCallTests extends AbstractFaultsMidCallTests {

	@RegisterExtension
	final RedisTestKeys keys = new RedisTestKeys(getClass());

	private FaultProxy proxy;

	private ConfigurableApplicationContext throughProxy;

	private ConfigurableApplicationContext direct;

	@BeforeAll
	void startTwoNodes() {
		this.proxy = FaultProxy.to(RedisTestServer.host(), RedisTestServer.port());
		this.direct = start(RedisTestServer.springProperties());
		this.throughProxy = start("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + this.proxy.port(),
				"spring.data.redis.timeout=300ms", "spring.data.redis.connect-timeout=300ms");
	}

	@AfterAll
	void stopTwoNodes() {
		this.throughProxy.close();
		this.direct.close();
		this.proxy.close();
	}

	@Override
	protected boolean sweepsOnTheServer() {
		return false;
	}

	@Override
	protected String lostReplyMessage() {
		// the client fails the call in flight instead of sending it again
		return "the connection broke before the reply came, so whether Redis ran the call is unknown; "
				+ "it is not sent again";
	}

	@Override
	protected BreakGlassTokenStore withIdleTimeout(ApplicationContext node, SessionLifetime lifetime) {
		return new RedisBreakGlassTokenStore(node.getBean(StringRedisTemplate.class), this.keys.prefix(),
				TestSecrets.HASHER, Clock.systemUTC(), lifetime, RedisReplicaAcknowledgement.NONE);
	}

	@Override
	protected FaultProxy proxy() {
		return this.proxy;
	}

	@Override
	protected ApplicationContext throughProxy() {
		return this.throughProxy;
	}

	@Override
	protected ApplicationContext direct() {
		return this.direct;
	}

	private ConfigurableApplicationContext start(String... redisProperties) {
		return new SpringApplicationBuilder(RedisNode.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "break-glass.store=redis",
					"break-glass.secret=" + TestSecrets.SECRET, "break-glass.otp.log-otp=true",
					"break-glass.redis.key-prefix=" + this.keys.prefix())
			.properties(redisProperties)
			.run();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataRedisAutoConfiguration.class, BreakGlassMemoryAutoConfiguration.class,
			BreakGlassLettuceAutoConfiguration.class, BreakGlassRedisAutoConfiguration.class,
			BreakGlassAutoConfiguration.class })
	static class RedisNode {

	}

}
