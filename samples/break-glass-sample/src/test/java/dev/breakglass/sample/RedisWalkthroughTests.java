package dev.breakglass.sample;

import java.util.Set;

import org.junit.jupiter.api.AfterEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * The walkthrough on the redis profile, against the Redis server of the profile's
 * defaults or its environment variables, under a key prefix of its own.
 */
@ActiveProfiles("redis")
@TestPropertySource(properties = { "break-glass.redis.key-prefix=" + RedisWalkthroughTests.PREFIX,
		"break-glass.secret=" + AbstractWalkthroughTests.SECRET })
class RedisWalkthroughTests extends AbstractWalkthroughTests {

	static final String PREFIX = "bg-sample-walkthrough:";

	@Autowired
	private StringRedisTemplate redis;

	@AfterEach
	void deleteKeys() {
		Set<String> keys = this.redis.keys(PREFIX + "*");
		if (!keys.isEmpty()) {
			this.redis.delete(keys);
		}
	}

	@Override
	protected String backend() {
		return "redis";
	}

}
