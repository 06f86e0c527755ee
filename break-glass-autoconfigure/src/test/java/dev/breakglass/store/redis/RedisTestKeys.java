package dev.breakglass.store.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.util.Assert;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keys one test writes: a prefix of its own, made of the test class's name and a
 * random part, and what a test needs to see, age and delete the keys under it. As a
 * registered extension it deletes them after each test.
 */
public final class RedisTestKeys implements AfterEachCallback {

	/**
	 * Takes ARGV[1] milliseconds off a key's time to live, deleting the key when none is
	 * left: time passing, as Redis sees it. Returns the time left, -1 for a key that
	 * never expires, -2 for a key gone meanwhile.
	 */
	private static final RedisScript<Long> ELAPSE = RedisScript.of("""
			local ttl = redis.call('PTTL', KEYS[1])
			if ttl < 0 then
				return ttl
			end
			local left = ttl - tonumber(ARGV[1])
			if left <= 0 then
				redis.call('DEL', KEYS[1])
				return 0
			end
			redis.call('PEXPIRE', KEYS[1], left)
			return left
			""", Long.class);

	private final String prefix;

	private final boolean onCluster;

	private final StringRedisTemplate redis;

	public RedisTestKeys(Class<?> testClass) {
		this.onCluster = testClass.isAnnotationPresent(OnRedisCluster.class);
		this.redis = this.onCluster ? RedisTestCluster.template() : RedisTestServer.template();
		this.prefix = "bg-test:" + testClass.getSimpleName() + ":" + UUID.randomUUID().toString().substring(0, 8) + ":";
	}

	/**
	 * The prefix of this test's keys.
	 * @return the prefix
	 */
	public String prefix() {
		return this.prefix;
	}

	/**
	 * Spring Boot properties that point {@code spring.data.redis} at the server these
	 * keys live on: the single server, or the cluster for a class marked
	 * {@link OnRedisCluster}.
	 * @return the properties
	 */
	public String[] springProperties() {
		return this.onCluster ? RedisTestCluster.springProperties() : RedisTestServer.springProperties();
	}

	/**
	 * The template the keys are read with.
	 * @return the template
	 */
	public StringRedisTemplate redis() {
		return this.redis;
	}

	/**
	 * The keys under the prefix. On a cluster every master is scanned, since a SCAN sees
	 * only the keys of the node it runs on.
	 * @return the keys, sorted
	 */
	public Set<String> keys() {
		ScanOptions options = ScanOptions.scanOptions().match(escapeGlob(this.prefix) + "*").count(1000).build();
		if (!this.onCluster) {
			Set<String> keys = new TreeSet<>();
			try (Cursor<String> cursor = this.redis.scan(options)) {
				cursor.forEachRemaining(keys::add);
			}
			return keys;
		}
		return keysByMaster(options).values()
			.stream()
			.flatMap(Set::stream)
			.collect(Collectors.toCollection(TreeSet::new));
	}

	/**
	 * The keys under the prefix on each master of the cluster, as each master reports
	 * them.
	 * @return each master's keys, sorted
	 */
	public Map<RedisClusterNode, Set<String>> keysByMaster() {
		Assert.state(this.onCluster, "only a test on the cluster has masters");
		return keysByMaster(ScanOptions.scanOptions().match(escapeGlob(this.prefix) + "*").count(1000).build());
	}

	private Map<RedisClusterNode, Set<String>> keysByMaster(ScanOptions options) {
		Map<RedisClusterNode, Set<String>> keys = new LinkedHashMap<>();
		try (RedisClusterConnection cluster = this.redis.getRequiredConnectionFactory().getClusterConnection()) {
			for (RedisClusterNode node : cluster.clusterGetNodes()) {
				if (node.isMaster()) {
					Set<String> onNode = new TreeSet<>();
					try (Cursor<byte[]> cursor = cluster.scan(node, options)) {
						cursor.forEachRemaining((key) -> onNode.add(new String(key, StandardCharsets.UTF_8)));
					}
					keys.put(node, onNode);
				}
			}
		}
		return keys;
	}

	/**
	 * The keys under the prefix with their values.
	 * @return each key's value
	 */
	public Map<String, String> entries() {
		Map<String, String> entries = new LinkedHashMap<>();
		for (String key : keys()) {
			entries.put(key, this.redis.opsForValue().get(key));
		}
		return entries;
	}

	/**
	 * Let time pass for every key under the prefix, by Redis's clock: each loses that
	 * much of its time to live, and a key with none left is deleted. Fails if a key never
	 * expires, which no store may write.
	 * @param duration how much time passes
	 */
	public void elapse(Duration duration) {
		for (String key : keys()) {
			Long left = this.redis.execute(ELAPSE, List.of(key), Long.toString(duration.toMillis()));
			assertThat(left).as("time to live of %s", key).isNotEqualTo(-1L);
		}
	}

	/**
	 * Delete every key under the prefix.
	 */
	public void delete() {
		Set<String> keys = keys();
		if (!keys.isEmpty()) {
			this.redis.delete(keys);
		}
	}

	private static String escapeGlob(String text) {
		return text.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
	}

	@Override
	public void afterEach(ExtensionContext context) {
		delete();
	}

}
