package dev.breakglass.store.redis;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.breakglass.store.AuthorizationCode;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.TokenKind;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a Redis Cluster the backend's keys spread over every master: no hash tag pins them
 * to one slot, and each key lives on the master that owns its slot, as the server itself
 * computes it with {@code CLUSTER KEYSLOT}.
 */
@OnRedisCluster
class RedisClusterKeySpreadTests {

	private static final int SECRETS_PER_STORE = 50;

	@RegisterExtension
	final RedisTestKeys keys = new RedisTestKeys(getClass());

	@Test
	void keysOfEveryStoreSpreadOverAllThreeMastersAndLiveWhereTheirSlotIs() {
		RedisAuthorizationCodeStore codes = new RedisAuthorizationCodeStore(this.keys.redis(), this.keys.prefix(),
				Clock.systemUTC());
		RedisOneTimeTokenStore tokens = new RedisOneTimeTokenStore(this.keys.redis(), this.keys.prefix());
		RedisMetadataCache metadata = new RedisMetadataCache(this.keys.redis(), this.keys.prefix(), Clock.systemUTC());
		List<String> issued = new ArrayList<>();
		List<String> codeHashes = new ArrayList<>();
		for (int i = 0; i < SECRETS_PER_STORE; i++) {
			String codeHash = Secrets.sha256(Secrets.newOneTimeToken());
			codes.put(new AuthorizationCode(codeHash, "data " + i, Instant.now().plusSeconds(60)));
			codeHashes.add(codeHash);
			issued.add(tokens.issue("user-" + i, TokenKind.MAGIC_LINK, Duration.ofMinutes(5)));
			metadata.put("https://client-" + i + ".example.com/metadata.json", Map.of("i", i),
					Instant.now().plusSeconds(60));
		}

		Map<RedisClusterNode, Set<String>> byMaster = this.keys.keysByMaster();
		assertThat(byMaster).as("masters of the cluster").hasSize(3);
		assertThat(byMaster.values()).as("keys on each master")
			.allSatisfy((onMaster) -> assertThat(onMaster).isNotEmpty());
		assertThat(byMaster.values().stream().mapToInt(Set::size).sum()).isEqualTo(3 * SECRETS_PER_STORE);
		try (RedisClusterConnection cluster = this.keys.redis().getRequiredConnectionFactory().getClusterConnection()) {
			byMaster.forEach((master, onMaster) -> {
				for (String key : onMaster) {
					int slot = cluster.clusterGetSlotForKey(key.getBytes(StandardCharsets.UTF_8));
					assertThat(slot).as("CLUSTER KEYSLOT %s", key)
						.isEqualTo(SlotHash.getSlot(key.getBytes(StandardCharsets.UTF_8)));
					assertThat(master.servesSlot(slot)).as("%s serves the slot of %s", master, key).isTrue();
				}
			});
		}

		for (int i = 0; i < SECRETS_PER_STORE; i++) {
			assertThat(codes.take(codeHashes.get(i))).isPresent();
			assertThat(codes.take(codeHashes.get(i))).isEmpty();
			assertThat(tokens.consume(issued.get(i), TokenKind.MAGIC_LINK)).contains("user-" + i);
			assertThat(tokens.consume(issued.get(i), TokenKind.MAGIC_LINK)).isEmpty();
		}
	}

}
