package dev.breakglass.sample;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterEach;
import org.netcrusher.tcp.TcpCrusher;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The redis profile with Redis down or stalled: 503 within its 500 ms timeouts.
 */
@ActiveProfiles("redis")
@TestPropertySource(properties = { "break-glass.redis.key-prefix=" + RedisStoreUnavailableTests.PREFIX,
		"break-glass.secret=" + AbstractWalkthroughTests.SECRET })
class RedisStoreUnavailableTests extends AbstractStoreUnavailableTests {

	static final String PREFIX = "bg-sample-unavailable:";

	private static final int PROXY_PORT = freePort();

	private static @Nullable TcpCrusher proxy;

	@Autowired
	private StringRedisTemplate redis;

	@DynamicPropertySource
	static void throughTheProxy(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.host", () -> "127.0.0.1");
		registry.add("spring.data.redis.port", () -> PROXY_PORT);
	}

	@BeforeAll
	static void openTheProxy() {
		proxy = proxyTo(PROXY_PORT, env("REDIS_HOST", "127.0.0.1"), Integer.parseInt(env("REDIS_PORT", "6379")));
	}

	@AfterEach
	void deleteKeys() {
		heal();
		Set<String> keys = this.redis.keys(PREFIX + "*");
		if (!keys.isEmpty()) {
			this.redis.delete(keys);
		}
	}

	@AfterAll
	static void closeTheProxy() {
		if (proxy != null) {
			proxy.close();
		}
	}

	@Override
	protected TcpCrusher proxy() {
		return Objects.requireNonNull(proxy, "opened before all tests");
	}

	@Override
	protected Duration longestAnswer() {
		return Duration.ofMillis(1500);
	}

}
