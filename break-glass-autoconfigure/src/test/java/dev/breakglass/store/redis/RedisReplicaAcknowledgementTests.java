package dev.breakglass.store.redis;

import dev.breakglass.test.TestSecrets;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.breakglass.store.ActiveToken;
import dev.breakglass.store.AuthorizationCode;
import dev.breakglass.store.DuplicateCodeException;
import dev.breakglass.store.SecretHasher;
import dev.breakglass.store.OtpVerification;
import dev.breakglass.store.Redemption;
import dev.breakglass.store.Secrets;
import dev.breakglass.store.StoreUnavailableException;
import dev.breakglass.store.TokenKind;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import static dev.breakglass.test.Requests.ATTRIBUTION;

/**
 * {@code break-glass.redis.wait-for-replicas}: on a real primary with a real replica,
 * every consuming operation returns once the replica has it, and fails closed when the
 * replica does not acknowledge in time, the secret spent on the primary all the same.
 */
class RedisReplicaAcknowledgementTests {

	private static final Duration WAIT_TIMEOUT = Duration.ofMillis(500);

	private static final SecretHasher HASHER = new SecretHasher(
			"replicated secret of 16+ chars".getBytes(StandardCharsets.UTF_8));

	@RegisterExtension
	static final RedisReplication replication = new RedisReplication(RedisReplicaAcknowledgementTests.class);

	@ParameterizedTest(name = "{0}")
	@MethodSource("consumes")
	void consumeWhenTheReplicaAcknowledgesThenSucceedsAndTheReplicaNoLongerHasTheSecret(String name,
			Function<Stores, Consume> consume) {
		Stores stores = stores(1);
		Consume operation = consume.apply(stores);
		assertThat(replication.liveSecrets(true)).as("the replica has the secret").isNotEmpty();
		assertThat(operation.run()).isTrue();
		assertThat(replication.liveSecrets(true)).as("the replica's secrets after the consume").isEmpty();
		assertThat(replication.liveSecrets(false)).as("the primary's secrets after the consume").isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("consumes")
	void consumeWhenTheReplicaIsDownThenThrowsWithinTheTimeoutAndTheSecretIsSpentOnThePrimary(String name,
			Function<Stores, Consume> consume) {
		Stores stores = stores(1);
		Consume operation = consume.apply(stores);
		replication.stopReplica();
		try {
			long start = System.nanoTime();
			assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(operation::run)
				.withMessageContaining("only 0 of 1 replicas acknowledged the write within PT0.5S")
				.withMessageContaining("it stands on the primary");
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			assertThat(took).isBetween(WAIT_TIMEOUT.minusMillis(50), WAIT_TIMEOUT.plusSeconds(2));
			assertThat(replication.liveSecrets(false)).as("the primary's secrets after the consume").isEmpty();
		}
		finally {
			replication.restartReplica();
		}
	}

	static Stream<Object[]> consumes() {
		return Stream.of(consume("authorization code take", (stores) -> {
			stores.codes.put(new AuthorizationCode("h", "data", Instant.now().plusSeconds(60)));
			return () -> stores.codes.take("h").isPresent();
		}), consume("authorization code redeem", (stores) -> {
			stores.codes.put(new AuthorizationCode("h", "data", Instant.now().plusSeconds(60)));
			return () -> stores.codes.redeem("h") instanceof Redemption.Redeemed;
		}), consume("one-time token consume", (stores) -> {
			String token = stores.tokens.issue("alice", TokenKind.MAGIC_LINK, Duration.ofMinutes(5));
			return () -> stores.tokens.consume(token, TokenKind.MAGIC_LINK).isPresent();
		}), consume("OTP verify", (stores) -> {
			String otp = stores.otp.generate(ATTRIBUTION);
			return () -> stores.otp.verify(otp).verification() == OtpVerification.VALID;
		}), consume("OTP clear", (stores) -> {
			stores.otp.generate(ATTRIBUTION);
			return () -> {
				stores.otp.clear();
				return true;
			};
		}), consume("session token revoke", (stores) -> {
			String token = stores.sessions.issue(ATTRIBUTION).token();
			return () -> stores.sessions.revoke(token);
		}), consume("session token clear", (stores) -> {
			stores.sessions.issue(ATTRIBUTION).token();
			return () -> {
				stores.sessions.clear();
				return true;
			};
		}));
	}

	@Test
	void redeemWhenTheReplicaAcknowledgesThenTheReplicaHasTheTombstone() {
		Stores stores = stores(1);
		stores.codes.put(new AuthorizationCode("h", "data", Instant.now().plusSeconds(60)));
		assertThat(stores.codes.redeem("h")).isInstanceOf(Redemption.Redeemed.class);
		String key = replication.prefix() + "code:" + Secrets.sha256("h");
		assertThat(replication.keys(true)).containsExactly(key);
		assertThat(stores.codes.redeem("h")).isInstanceOf(Redemption.AlreadyRedeemed.class);
	}

	@Test
	void putWhenTheHashIsStoredThenStillRejectedWhileWaiting() {
		Stores stores = stores(1);
		stores.codes.put(new AuthorizationCode("h", "data", Instant.now().plusSeconds(60)));
		assertThatExceptionOfType(DuplicateCodeException.class)
			.isThrownBy(() -> stores.codes.put(new AuthorizationCode("h", "other", Instant.now().plusSeconds(60))));
	}

	@Test
	void waitingForMoreReplicasThanThereAreFailsEveryWriteAndLeavesReadsAlone() {
		Stores stores = stores(2);
		assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> stores.sessions.issue(ATTRIBUTION))
			.withMessageContaining("only 1 of 2 replicas");
		assertThat(stores.sessions.lookup(Secrets.newSessionToken()).map(ActiveToken::issuedAt)).isEmpty();
	}

	@Test
	void aWaitBlocksOnlyItsOwnConnectionNeverTheSharedOne() throws Exception {
		StringRedisTemplate redis = replication.primary();
		RedisAuthorizationCodeStore codes = new RedisAuthorizationCodeStore(redis, replication.prefix(),
				Clock.systemUTC(), new RedisReplicaAcknowledgement(2, Duration.ofSeconds(3)));
		redis.opsForValue().set(replication.prefix() + "plain", "value");
		CompletableFuture<Object> waiting = CompletableFuture.supplyAsync(() -> {
			try {
				return codes.take("h");
			}
			catch (StoreUnavailableException ex) {
				return ex;
			}
		});
		Thread.sleep(300);
		assertThat(waiting).as("the take is still waiting for a second replica").isNotDone();
		long start = System.nanoTime();
		assertThat(redis.opsForValue().get(replication.prefix() + "plain")).isEqualTo("value");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
		assertThat(waiting.get(10, TimeUnit.SECONDS)).isInstanceOf(StoreUnavailableException.class);
	}

	@Test
	void acknowledgementRejectsANegativeCountAndATimeoutThatWouldWaitForever() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RedisReplicaAcknowledgement(-1, WAIT_TIMEOUT));
		assertThatIllegalArgumentException().isThrownBy(() -> new RedisReplicaAcknowledgement(1, Duration.ZERO));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RedisReplicaAcknowledgement(1, Duration.ofNanos(999_999)));
	}

	private Stores stores(int replicas) {
		return new Stores(replication.primary(), replication.prefix(),
				new RedisReplicaAcknowledgement(replicas, WAIT_TIMEOUT));
	}

	private static Object[] consume(String name, Function<Stores, Consume> consume) {
		return new Object[] { name, consume };
	}

	/**
	 * A consuming operation, ready to run: true when it consumed the secret.
	 */
	@FunctionalInterface
	interface Consume {

		boolean run();

	}

	static final class Stores {

		final RedisAuthorizationCodeStore codes;

		final RedisOneTimeTokenStore tokens;

		final RedisOtpStore otp;

		final RedisBreakGlassTokenStore sessions;

		Stores(StringRedisTemplate redis, String prefix, RedisReplicaAcknowledgement acknowledgement) {
			this.codes = new RedisAuthorizationCodeStore(redis, prefix, Clock.systemUTC(), acknowledgement);
			this.tokens = new RedisOneTimeTokenStore(redis, prefix, acknowledgement);
			this.otp = new RedisOtpStore(redis, prefix, HASHER, Duration.ofMinutes(5), 6, acknowledgement);
			this.sessions = new RedisBreakGlassTokenStore(redis, prefix, TestSecrets.HASHER, Clock.systemUTC(),
					Duration.ofHours(1), acknowledgement);
		}

	}

}
