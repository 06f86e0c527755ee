package dev.breakglass.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Magic-link sign-in on the redis profile, under a key prefix of its own.
 */
@ActiveProfiles("redis")
@TestPropertySource(properties = { "break-glass.redis.key-prefix=" + RedisMagicLinkLoginTests.PREFIX,
		"break-glass.secret=" + AbstractWalkthroughTests.SECRET })
class RedisMagicLinkLoginTests extends AbstractMagicLinkLoginTests {

	static final String PREFIX = "bg-sample-magic-link:";

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
	protected List<String> atRest() {
		List<String> entries = new ArrayList<>();
		// the tokens; the sample's per-client counter of /ott/generate lives next to them
		for (String key : this.redis.keys(PREFIX + "ott:*")) {
			entries.add(key + " = " + this.redis.opsForValue().get(key));
		}
		assertThat(entries).as("token keys under " + PREFIX).hasSize(1);
		return entries;
	}

}
